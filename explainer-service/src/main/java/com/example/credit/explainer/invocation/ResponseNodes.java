package com.example.credit.explainer.invocation;

import com.example.credit.core.manifest.ReferenceSet;
import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.explainer.explain.ExplanationBasis;
import tools.jackson.databind.node.ObjectNode;

/** Parts that both per-record shapes (the standard one and the original sample's) write the same way. */
final class ResponseNodes {

    private ResponseNodes() {}

    /** The model-space row: feature name to encoded value (the category's code), {@code null} for missing. */
    static void putFeatures(ObjectNode node, FeatureCatalog catalog, double[] row) {
        for (Feature feature : catalog.features()) {
            double value = row[feature.index()];
            if (Double.isNaN(value)) {
                node.putNull(feature.name());
            } else {
                node.put(feature.name(), value);
            }
        }
    }

    /**
     * The method of the explanation and, for an interventional one, the reference it is relative to: name, rows,
     * SHA-256 and description, as the manifest lists them.
     */
    static void putBasis(ObjectNode node, ExplanationBasis basis) {
        node.put("explanation_method", basis.method().wireName());
        basis.referenceSet().ifPresent(reference -> putReference(node.putObject("reference"), reference));
    }

    static void putReference(ObjectNode node, ReferenceSet reference) {
        node.put("name", reference.name());
        node.put("rows", reference.rows());
        node.put("sha256", reference.sha256());
        node.put("description", reference.description());
    }
}
