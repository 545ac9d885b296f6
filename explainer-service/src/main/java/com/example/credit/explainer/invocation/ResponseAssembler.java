package com.example.credit.explainer.invocation;

import com.example.credit.core.calibration.ProbabilityCalibration;
import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.explainer.explain.ExplainedRow;
import com.example.credit.explainer.explain.ExplanationBasis;
import com.example.credit.explainer.explain.ProbabilityView;
import com.example.credit.explainer.explain.Reason;
import com.example.credit.explainer.explain.ReasonCodes;
import com.example.credit.explainer.explain.RowExplanation;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the response object of one record from the selected entities. Per-feature values are objects keyed by
 * feature name in model order, so a reader needs no separate list of names. The SHAP values and the reasons say which
 * method they come from and, for interventional ones, which reference population. Thread-safe.
 */
public final class ResponseAssembler {

    private final FeatureCatalog catalog;
    private final ProbabilityCalibration calibration;
    private final ReasonCodes reasonCodes;
    private final JsonMapper mapper;

    /**
     * An assembler for a model with this calibration ({@code none} for most), which the probability view reports.
     */
    public ResponseAssembler(
            FeatureCatalog catalog, ProbabilityCalibration calibration, ReasonCodes reasonCodes, JsonMapper mapper) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        this.reasonCodes = Objects.requireNonNull(reasonCodes, "reasonCodes");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * The response object of one record.
     *
     * @param record the record as sent
     * @param row its encoded row
     * @param explained its prediction, SHAP values and probability view
     * @param entities what to write
     * @param basis what the values are relative to (method, reference, probability method), which the SHAP values
     *     and the reasons state
     */
    public ObjectNode record(
            ParsedRecord record,
            double[] row,
            ExplainedRow explained,
            EntitySelection entities,
            ExplanationBasis basis) {
        ObjectNode out = mapper.createObjectNode();
        RowExplanation explanation = explained.explanation();
        ProbabilityView view = explained.view();
        for (Entity entity : entities.ordered()) {
            switch (entity) {
                case DATA -> out.set(entity.wireName(), record.data().deepCopy());
                case FEATURES -> out.set(entity.wireName(), features(row));
                case DESCRIPTIONS -> out.set(entity.wireName(), descriptions());
                case PREDICTION -> out.put(entity.wireName(), explanation.probability());
                case EXPLANATION_SHAP_VALUES -> out.set(entity.wireName(), shapValues(explanation, view, basis));
                case EXPLANATION_SHAP_INTERACTION_VALUES -> out.set(entity.wireName(), interactions(explanation));
                case REASONS -> out.set(entity.wireName(), reasons(row, explanation, view, basis));
            }
        }
        return out;
    }

    private ObjectNode features(double[] row) {
        ObjectNode node = mapper.createObjectNode();
        ResponseNodes.putFeatures(node, catalog, row);
        return node;
    }

    private ObjectNode descriptions() {
        ObjectNode node = mapper.createObjectNode();
        for (Feature feature : catalog.features()) {
            ObjectNode description = node.putObject(feature.name());
            description.put("title", feature.title());
            description.put("description", feature.description());
            description.put("group", feature.group());
        }
        return node;
    }

    private ObjectNode shapValues(RowExplanation explanation, ProbabilityView view, ExplanationBasis basis) {
        ObjectNode node = mapper.createObjectNode();
        ResponseNodes.putBasis(node, basis);
        node.put("expected_value", explanation.expectedValue());
        node.put("raw_score", explanation.rawScore());
        ObjectNode values = node.putObject("shap_values");
        for (Feature feature : catalog.features()) {
            values.put(feature.name(), explanation.shapValue(feature.index()));
        }
        ObjectNode probability = node.putObject("probability_view");
        probability.put("method", basis.probabilityMethod());
        probability.put("calibration", calibration.method());
        probability.put("baseline", view.baseline());
        probability.put("prediction", view.prediction());
        ObjectNode contributions = probability.putObject("contributions");
        for (Feature feature : catalog.features()) {
            contributions.put(feature.name(), view.contribution(feature.index()));
        }
        return node;
    }

    private ObjectNode interactions(RowExplanation explanation) {
        ObjectNode node = mapper.createObjectNode();
        node.put("expected_value", explanation.expectedValue());
        ArrayNode names = node.putArray("feature_names");
        catalog.names().forEach(names::add);
        ArrayNode matrix = node.putArray("values");
        int n = explanation.numFeatures();
        for (int i = 0; i < n; i++) {
            ArrayNode row = matrix.addArray();
            for (int j = 0; j < n; j++) {
                row.add(explanation.interaction(i, j));
            }
        }
        return node;
    }

    private ObjectNode reasons(double[] row, RowExplanation explanation, ProbabilityView view, ExplanationBasis basis) {
        ObjectNode node = mapper.createObjectNode();
        node.put("reason_method_version", ReasonCodes.METHOD_VERSION);
        node.put("explanation_method", basis.method().wireName());
        basis.referenceSet().ifPresent(reference -> node.put("reference", reference.name()));
        node.put("k", reasonCodes.count());
        ArrayNode list = node.putArray("reasons");
        List<Reason> reasons = reasonCodes.reasons(row, explanation, view);
        for (Reason reason : reasons) {
            ObjectNode item = list.addObject();
            item.put("rank", reason.rank());
            item.put("feature", reason.feature());
            item.put("title", reason.title());
            Object value = reason.value();
            if (value == null) {
                item.putNull("value");
            } else if (value instanceof Long number) {
                item.put("value", number.longValue());
            } else if (value instanceof Double number) {
                item.put("value", number.doubleValue());
            } else {
                item.put("value", value.toString());
            }
            item.put("shap_value", reason.shapValue());
            item.put("probability_contribution", reason.probabilityContribution());
            item.put("text", reason.text());
        }
        return node;
    }
}
