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
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.SerializedString;

/**
 * Writes the response object of one record from the selected entities, straight to a JSON generator (no tree). Per-feature values are objects keyed by
 * feature name in model order, so a reader needs no separate list of names. The SHAP values and the reasons say which
 * method they come from and, for interventional ones, which reference population. Thread-safe.
 */
public final class ResponseAssembler {

    // Names written for every record, quoted and encoded once (the bytes Jackson writes for the plain names).
    private static final SerializedString EXPECTED_VALUE = new SerializedString("expected_value");
    private static final SerializedString RAW_SCORE = new SerializedString("raw_score");
    private static final SerializedString SHAP_VALUES = new SerializedString("shap_values");
    private static final SerializedString PROBABILITY_VIEW = new SerializedString("probability_view");
    private static final SerializedString METHOD = new SerializedString("method");
    private static final SerializedString CALIBRATION = new SerializedString("calibration");
    private static final SerializedString BASELINE = new SerializedString("baseline");
    private static final SerializedString PREDICTION = new SerializedString("prediction");
    private static final SerializedString CONTRIBUTIONS = new SerializedString("contributions");
    private static final SerializedString RANK = new SerializedString("rank");
    private static final SerializedString FEATURE = new SerializedString("feature");
    private static final SerializedString TITLE = new SerializedString("title");
    private static final SerializedString VALUE = new SerializedString("value");
    private static final SerializedString SHAP_VALUE = new SerializedString("shap_value");
    private static final SerializedString PROBABILITY_CONTRIBUTION = new SerializedString("probability_contribution");
    private static final SerializedString TEXT = new SerializedString("text");

    private final FeatureCatalog catalog;
    // Each feature's name by feature index, encoded once.
    private final SerializedString[] featureNames;
    private final ProbabilityCalibration calibration;
    private final ReasonCodes reasonCodes;

    /**
     * An assembler for a model with this calibration ({@code none} for most), which the probability view reports.
     */
    public ResponseAssembler(FeatureCatalog catalog, ProbabilityCalibration calibration, ReasonCodes reasonCodes) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        this.reasonCodes = Objects.requireNonNull(reasonCodes, "reasonCodes");
        this.featureNames = new SerializedString[catalog.features().size()];
        for (Feature feature : catalog.features()) {
            featureNames[feature.index()] = new SerializedString(feature.name());
        }
    }

    /**
     * Writes the response object of one record.
     *
     * @param out where the object goes
     * @param record the record as sent
     * @param row its encoded row
     * @param explained its prediction, SHAP values and probability view
     * @param entities what to write, in response order ({@link EntitySelection#ordered()}, taken once a request)
     * @param basis what the values are relative to (method, reference, probability method), which the SHAP values
     *     and the reasons state
     */
    public void write(
            JsonGenerator out,
            ParsedRecord record,
            double[] row,
            ExplainedRow explained,
            List<Entity> entities,
            ExplanationBasis basis) {
        out.writeStartObject();
        RowExplanation explanation = explained.explanation();
        ProbabilityView view = explained.view();
        for (Entity entity : entities) {
            out.writeName(entity.wireName());
            switch (entity) {
                case DATA -> out.writeTree(record.data());
                case FEATURES -> features(out, row);
                case DESCRIPTIONS -> descriptions(out);
                case PREDICTION -> out.writeNumber(explanation.probability());
                case EXPLANATION_SHAP_VALUES -> shapValues(out, explanation, view, basis);
                case EXPLANATION_SHAP_INTERACTION_VALUES -> interactions(out, explanation);
                case REASONS -> reasons(out, row, explanation, view, basis);
            }
        }
        out.writeEndObject();
    }

    private void features(JsonGenerator out, double[] row) {
        out.writeStartObject();
        ResponseNodes.writeFeatures(out, catalog, row);
        out.writeEndObject();
    }

    private void descriptions(JsonGenerator out) {
        out.writeStartObject();
        for (Feature feature : catalog.features()) {
            out.writeName(feature.name());
            out.writeStartObject();
            out.writeStringProperty("title", feature.title());
            out.writeStringProperty("description", feature.description());
            out.writeStringProperty("group", feature.group());
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    private void shapValues(
            JsonGenerator out, RowExplanation explanation, ProbabilityView view, ExplanationBasis basis) {
        out.writeStartObject();
        ResponseNodes.writeBasis(out, basis);
        number(out, EXPECTED_VALUE, explanation.expectedValue());
        number(out, RAW_SCORE, explanation.rawScore());
        out.writeName(SHAP_VALUES);
        out.writeStartObject();
        for (Feature feature : catalog.features()) {
            number(out, featureNames[feature.index()], explanation.shapValue(feature.index()));
        }
        out.writeEndObject();
        out.writeName(PROBABILITY_VIEW);
        out.writeStartObject();
        string(out, METHOD, basis.probabilityMethod());
        string(out, CALIBRATION, calibration.method());
        number(out, BASELINE, view.baseline());
        number(out, PREDICTION, view.prediction());
        out.writeName(CONTRIBUTIONS);
        out.writeStartObject();
        for (Feature feature : catalog.features()) {
            number(out, featureNames[feature.index()], view.contribution(feature.index()));
        }
        out.writeEndObject();
        out.writeEndObject();
        out.writeEndObject();
    }

    private void interactions(JsonGenerator out, RowExplanation explanation) {
        out.writeStartObject();
        out.writeNumberProperty("expected_value", explanation.expectedValue());
        out.writeName("feature_names");
        out.writeStartArray();
        for (String name : catalog.names()) {
            out.writeString(name);
        }
        out.writeEndArray();
        out.writeName("values");
        ResponseNodes.writeMatrix(out, explanation);
        out.writeEndObject();
    }

    private void reasons(
            JsonGenerator out, double[] row, RowExplanation explanation, ProbabilityView view, ExplanationBasis basis) {
        out.writeStartObject();
        out.writeStringProperty("reason_method_version", ReasonCodes.METHOD_VERSION);
        out.writeStringProperty("explanation_method", basis.method().wireName());
        if (basis.referenceSet().isPresent()) {
            out.writeStringProperty("reference", basis.referenceSet().get().name());
        }
        out.writeNumberProperty("k", reasonCodes.count());
        out.writeName("reasons");
        out.writeStartArray();
        for (Reason reason : reasonCodes.reasons(row, explanation, view)) {
            out.writeStartObject();
            out.writeName(RANK);
            out.writeNumber(reason.rank());
            string(out, FEATURE, reason.feature());
            string(out, TITLE, reason.title());
            out.writeName(VALUE);
            Object value = reason.value();
            if (value == null) {
                out.writeNull();
            } else if (value instanceof Long number) {
                out.writeNumber(number.longValue());
            } else if (value instanceof Double number) {
                out.writeNumber(number.doubleValue());
            } else {
                out.writeString(value.toString());
            }
            number(out, SHAP_VALUE, reason.shapValue());
            number(out, PROBABILITY_CONTRIBUTION, reason.probabilityContribution());
            string(out, TEXT, reason.text());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void number(JsonGenerator out, SerializedString name, double value) {
        out.writeName(name);
        out.writeNumber(value);
    }

    private static void string(JsonGenerator out, SerializedString name, String value) {
        out.writeName(name);
        out.writeString(value);
    }
}
