package com.example.credit.explainer.invocation;

import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.explainer.explain.RowExplanation;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the response (to a JSON generator, no tree) in the shape of SageMaker Clarify online explainability, so that clients written for a
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

    public ClarifyAssembler(FeatureCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** Writes the Clarify-shaped response for the explanations of all records of a request, in order. */
    public void write(JsonGenerator out, List<RowExplanation> explanations) {
        out.writeStartObject();
        out.writeStringProperty("version", VERSION);
        StringBuilder data = new StringBuilder();
        for (RowExplanation explanation : explanations) {
            data.append(explanation.probability()).append('\n');
        }
        out.writeName("predictions");
        out.writeStartObject();
        out.writeStringProperty("content_type", "text/csv");
        out.writeStringProperty("data", data.toString());
        out.writeEndObject();
        out.writeName("label_headers");
        out.writeStartArray();
        out.writeString("probability_of_default");
        out.writeEndArray();
        out.writeName("explanations");
        out.writeStartObject();
        out.writeName("kernel_shap");
        out.writeStartArray();
        for (RowExplanation explanation : explanations) {
            out.writeStartArray();
            for (Feature feature : catalog.features()) {
                out.writeStartObject();
                out.writeStringProperty("feature_header", feature.name());
                out.writeName("attributions");
                out.writeStartArray();
                out.writeStartObject();
                out.writeName("attribution");
                out.writeStartArray();
                out.writeNumber(explanation.shapValue(feature.index()));
                out.writeEndArray();
                out.writeEndObject();
                out.writeEndArray();
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        out.writeEndArray();
        out.writeEndObject();
        out.writeEndObject();
    }
}
