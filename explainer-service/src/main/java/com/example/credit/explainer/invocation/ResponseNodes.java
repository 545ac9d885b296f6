package com.example.credit.explainer.invocation;

import com.example.credit.core.manifest.ReferenceSet;
import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.explainer.explain.ExplanationBasis;
import com.example.credit.explainer.explain.RowExplanation;
import tools.jackson.core.JsonGenerator;

/** Parts that both per-record shapes (the standard one and the original sample's) write the same way. */
final class ResponseNodes {

    private ResponseNodes() {}

    /** The model-space row: feature name to encoded value (the category's code), {@code null} for missing. */
    static void writeFeatures(JsonGenerator out, FeatureCatalog catalog, double[] row) {
        for (Feature feature : catalog.features()) {
            double value = row[feature.index()];
            if (Double.isNaN(value)) {
                out.writeNullProperty(feature.name());
            } else {
                out.writeNumberProperty(feature.name(), value);
            }
        }
    }

    /**
     * The method of the explanation and, for an interventional one, the reference it is relative to: name, rows,
     * SHA-256 and description, as the manifest lists them.
     */
    static void writeBasis(JsonGenerator out, ExplanationBasis basis) {
        out.writeStringProperty("explanation_method", basis.method().wireName());
        if (basis.referenceSet().isPresent()) {
            out.writeName("reference");
            writeReference(out, basis.referenceSet().get());
        }
    }

    static void writeReference(JsonGenerator out, ReferenceSet reference) {
        out.writeStartObject();
        out.writeStringProperty("name", reference.name());
        out.writeNumberProperty("rows", reference.rows());
        out.writeStringProperty("sha256", reference.sha256());
        out.writeStringProperty("description", reference.description());
        out.writeEndObject();
    }

    /** The interaction matrix, row by row. */
    static void writeMatrix(JsonGenerator out, RowExplanation explanation) {
        out.writeStartArray();
        int n = explanation.numFeatures();
        for (int i = 0; i < n; i++) {
            out.writeStartArray();
            for (int j = 0; j < n; j++) {
                out.writeNumber(explanation.interaction(i, j));
            }
            out.writeEndArray();
        }
        out.writeEndArray();
    }
}
