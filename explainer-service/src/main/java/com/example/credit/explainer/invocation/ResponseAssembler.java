package com.example.credit.explainer.invocation;

import com.example.credit.core.calibration.ProbabilityCalibration;
import com.example.credit.core.model.Objective;
import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
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
 * feature name in model order, so a reader needs no separate list of names. Thread-safe.
 */
public final class ResponseAssembler {

    private final FeatureCatalog catalog;
    private final Objective objective;
    private final ProbabilityCalibration calibration;
    private final ReasonCodes reasonCodes;
    private final JsonMapper mapper;

    public ResponseAssembler(FeatureCatalog catalog, Objective objective, ReasonCodes reasonCodes, JsonMapper mapper) {
        this(catalog, objective, new ProbabilityCalibration.None(), reasonCodes, mapper);
    }

    /** An assembler whose probability view and reasons are on the calibrated probability scale. */
    public ResponseAssembler(
            FeatureCatalog catalog,
            Objective objective,
            ProbabilityCalibration calibration,
            ReasonCodes reasonCodes,
            JsonMapper mapper) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        this.objective = Objects.requireNonNull(objective, "objective");
        this.reasonCodes = Objects.requireNonNull(reasonCodes, "reasonCodes");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** The response object of one record. */
    public ObjectNode record(ParsedRecord record, double[] row, RowExplanation explanation, EntitySelection entities) {
        ObjectNode out = mapper.createObjectNode();
        ProbabilityView view = ProbabilityView.of(explanation, objective, calibration);
        for (Entity entity : entities.ordered()) {
            switch (entity) {
                case DATA -> out.set(entity.wireName(), record.data().deepCopy());
                case FEATURES -> out.set(entity.wireName(), features(row));
                case DESCRIPTIONS -> out.set(entity.wireName(), descriptions());
                case PREDICTION -> out.put(entity.wireName(), explanation.probability());
                case EXPLANATION_SHAP_VALUES -> out.set(entity.wireName(), shapValues(explanation, view));
                case EXPLANATION_SHAP_INTERACTION_VALUES -> out.set(entity.wireName(), interactions(explanation));
                case REASONS -> out.set(entity.wireName(), reasons(row, explanation, view));
            }
        }
        return out;
    }

    private ObjectNode features(double[] row) {
        ObjectNode node = mapper.createObjectNode();
        for (Feature feature : catalog.features()) {
            double value = row[feature.index()];
            if (Double.isNaN(value)) {
                node.putNull(feature.name());
            } else {
                node.put(feature.name(), value);
            }
        }
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

    private ObjectNode shapValues(RowExplanation explanation, ProbabilityView view) {
        ObjectNode node = mapper.createObjectNode();
        node.put("expected_value", explanation.expectedValue());
        node.put("raw_score", explanation.rawScore());
        ObjectNode values = node.putObject("shap_values");
        for (Feature feature : catalog.features()) {
            values.put(feature.name(), explanation.shapValue(feature.index()));
        }
        ObjectNode probability = node.putObject("probability_view");
        probability.put("method", ProbabilityView.method(calibration));
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

    private ObjectNode reasons(double[] row, RowExplanation explanation, ProbabilityView view) {
        ObjectNode node = mapper.createObjectNode();
        node.put("reason_method_version", ReasonCodes.METHOD_VERSION);
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
