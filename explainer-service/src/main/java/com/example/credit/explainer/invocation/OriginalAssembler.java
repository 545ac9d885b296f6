package com.example.credit.explainer.invocation;

import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.explainer.explain.ExplainedRow;
import com.example.credit.explainer.explain.ExplanationBasis;
import com.example.credit.explainer.explain.ExplanationMethod;
import com.example.credit.explainer.explain.RowExplanation;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the response object of one record (to a JSON generator, no tree) in the shape of the original sample's container
 * (awslabs/sagemaker-explaining-credit-decisions, {@code explaining.py}'s {@code predict_fn}), so that a notebook or
 * dashboard written for it reads this service unchanged:
 * {@code {"data", "features", "descriptions", "prediction", "explanation": {"expected_value", "shap_values":
 * {feature: value}, "shap_interaction_values": {"labels": [features], "values": [[...]]}}}}, each key present when its
 * entity is asked for. The differences are the model's, not the shape's: the features are this model's 20 (native
 * categorical features, where the original one-hot encoded them), {@code descriptions} maps each to its schema
 * description, and the values are the exact TreeSHAP ones (log-odds, as the original's {@code TreeExplainer} gave for
 * LightGBM). An interventional explanation adds {@code explanation_method} and {@code reference} to
 * {@code explanation}; the original had no reasons, so {@code reasons} is not part of this shape. Thread-safe.
 */
public final class OriginalAssembler {

    /** The entities the original container knew, the ones this shape holds. */
    public static final Set<Entity> ENTITIES = Set.copyOf(EnumSet.of(
            Entity.DATA,
            Entity.FEATURES,
            Entity.DESCRIPTIONS,
            Entity.PREDICTION,
            Entity.EXPLANATION_SHAP_VALUES,
            Entity.EXPLANATION_SHAP_INTERACTION_VALUES));

    private final FeatureCatalog catalog;

    public OriginalAssembler(FeatureCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** Writes the original-shaped object of one record, with the selected entities the original knew. */
    public void write(
            JsonGenerator out,
            ParsedRecord record,
            double[] row,
            ExplainedRow explained,
            EntitySelection entities,
            ExplanationBasis basis) {
        out.writeStartObject();
        RowExplanation explanation = explained.explanation();
        if (entities.contains(Entity.DATA)) {
            out.writeName("data");
            out.writeTree(record.data());
        }
        if (entities.contains(Entity.FEATURES)) {
            out.writeName("features");
            out.writeStartObject();
            ResponseNodes.writeFeatures(out, catalog, row);
            out.writeEndObject();
        }
        if (entities.contains(Entity.DESCRIPTIONS)) {
            out.writeName("descriptions");
            out.writeStartObject();
            for (Feature feature : catalog.features()) {
                out.writeStringProperty(feature.name(), feature.description());
            }
            out.writeEndObject();
        }
        if (entities.contains(Entity.PREDICTION)) {
            out.writeNumberProperty("prediction", explanation.probability());
        }
        boolean values = entities.contains(Entity.EXPLANATION_SHAP_VALUES);
        boolean interactions = entities.contains(Entity.EXPLANATION_SHAP_INTERACTION_VALUES);
        if (values || interactions) {
            out.writeName("explanation");
            out.writeStartObject();
            out.writeNumberProperty("expected_value", explanation.expectedValue());
            if (values) {
                out.writeName("shap_values");
                out.writeStartObject();
                for (Feature feature : catalog.features()) {
                    out.writeNumberProperty(feature.name(), explanation.shapValue(feature.index()));
                }
                out.writeEndObject();
            }
            if (interactions) {
                out.writeName("shap_interaction_values");
                out.writeStartObject();
                out.writeName("labels");
                out.writeStartArray();
                for (String name : catalog.names()) {
                    out.writeString(name);
                }
                out.writeEndArray();
                out.writeName("values");
                ResponseNodes.writeMatrix(out, explanation);
                out.writeEndObject();
            }
            if (basis.method() == ExplanationMethod.INTERVENTIONAL) {
                ResponseNodes.writeBasis(out, basis);
            }
            out.writeEndObject();
        }
        out.writeEndObject();
    }
}
