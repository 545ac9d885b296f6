package com.example.credit.explainer.invocation;

import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.explainer.explain.RowExplanation;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the response in the shape of SageMaker Clarify online explainability, so that clients written for a
 * Clarify endpoint can read it: {@code version}, {@code predictions} ({@code content_type} and {@code data},
 * the model output as CSV text, one probability per line), {@code label_headers}, and
 * {@code explanations.kernel_shap}: per record, per feature, {@code {"feature_header", "attributions":
 * [{"attribution": [phi]}]}}. The attributions are the exact TreeSHAP values on the log-odds scale (Clarify's
 * {@code UseLogit=true}), not Kernel SHAP estimates; the key keeps Clarify's name for compatibility.
 */
public final class ClarifyAssembler {

    /** The Clarify response schema version this shape follows. */
    public static final String VERSION = "1.0";

    private final FeatureCatalog catalog;
    private final JsonMapper mapper;

    public ClarifyAssembler(FeatureCatalog catalog, JsonMapper mapper) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** The Clarify-shaped response for the explanations of all records of a request, in order. */
    public ObjectNode response(List<RowExplanation> explanations) {
        ObjectNode root = mapper.createObjectNode();
        root.put("version", VERSION);
        StringBuilder data = new StringBuilder();
        for (RowExplanation explanation : explanations) {
            data.append(explanation.probability()).append('\n');
        }
        ObjectNode predictions = root.putObject("predictions");
        predictions.put("content_type", "text/csv");
        predictions.put("data", data.toString());
        root.putArray("label_headers").add("probability_of_default");
        ArrayNode kernelShap = root.putObject("explanations").putArray("kernel_shap");
        for (RowExplanation explanation : explanations) {
            ArrayNode record = kernelShap.addArray();
            for (Feature feature : catalog.features()) {
                ObjectNode item = record.addObject();
                item.put("feature_header", feature.name());
                item.putArray("attributions")
                        .addObject()
                        .putArray("attribution")
                        .add(explanation.shapValue(feature.index()));
            }
        }
        return root;
    }
}
