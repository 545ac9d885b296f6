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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the response object of one record in the shape of the original sample's container
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
    private final JsonMapper mapper;

    public OriginalAssembler(FeatureCatalog catalog, JsonMapper mapper) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** The original-shaped object of one record, with the selected entities the original knew. */
    public ObjectNode record(
            ParsedRecord record,
            double[] row,
            ExplainedRow explained,
            EntitySelection entities,
            ExplanationBasis basis) {
        ObjectNode out = mapper.createObjectNode();
        RowExplanation explanation = explained.explanation();
        if (entities.contains(Entity.DATA)) {
            out.set("data", record.data().deepCopy());
        }
        if (entities.contains(Entity.FEATURES)) {
            ResponseNodes.putFeatures(out.putObject("features"), catalog, row);
        }
        if (entities.contains(Entity.DESCRIPTIONS)) {
            ObjectNode descriptions = out.putObject("descriptions");
            catalog.features().forEach(feature -> descriptions.put(feature.name(), feature.description()));
        }
        if (entities.contains(Entity.PREDICTION)) {
            out.put("prediction", explanation.probability());
        }
        boolean values = entities.contains(Entity.EXPLANATION_SHAP_VALUES);
        boolean interactions = entities.contains(Entity.EXPLANATION_SHAP_INTERACTION_VALUES);
        if (values || interactions) {
            ObjectNode node = out.putObject("explanation");
            node.put("expected_value", explanation.expectedValue());
            if (values) {
                ObjectNode shapValues = node.putObject("shap_values");
                for (Feature feature : catalog.features()) {
                    shapValues.put(feature.name(), explanation.shapValue(feature.index()));
                }
            }
            if (interactions) {
                ObjectNode matrix = node.putObject("shap_interaction_values");
                ArrayNode labels = matrix.putArray("labels");
                catalog.names().forEach(labels::add);
                ArrayNode rows = matrix.putArray("values");
                int n = explanation.numFeatures();
                for (int i = 0; i < n; i++) {
                    ArrayNode line = rows.addArray();
                    for (int j = 0; j < n; j++) {
                        line.add(explanation.interaction(i, j));
                    }
                }
            }
            if (basis.method() == ExplanationMethod.INTERVENTIONAL) {
                ResponseNodes.putBasis(node, basis);
            }
        }
        return out;
    }
}
