package com.example.credit.core.bias;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes bias reports in the shape of SageMaker Clarify's {@code analysis.json}, so that tools reading Clarify's
 * output read ours. The shape, as the Clarify documentation shows it (<a
 * href="https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-processing-job-analysis-results.html">analysis
 * results</a>):
 *
 * <pre>{@code
 * {"pre_training_bias_metrics": {
 *    "label": "credit__default", "label_value_or_threshold": "false",
 *    "facets": {"personal__gender": [
 *        {"value_or_threshold": "female",
 *         "metrics": [{"name": "CI", "description": "Class Imbalance (CI)", "value": 0.38}, ...]}]}},
 *  "post_training_bias_metrics": {...},
 *  "explanations": {"kernel_shap": {"label0": {"global_shap_values": {"credit__amount": 0.31, ...}}}}}
 * }</pre>
 *
 * Facets are grouped under their attribute in the order given; the metrics of a facet are sorted by name, as
 * Clarify's implementation sorts them. A metric without a value is written as Clarify writes a metric that failed:
 * {@code "value": null} with an {@code "error"} string (here the metric's first note). Clarify writes an infinite
 * value as the string {@code "Infinity"}; this writer never does, such metrics have no value.
 *
 * <p>The explanations section, when given, holds the mean absolute SHAP value of each feature over the explained rows
 * (what Clarify calls global SHAP values), in the order given. Clarify names the section after its method,
 * {@code kernel_shap}, and the model's single output {@code label0}; the values written here may come from another
 * method (exact TreeSHAP in this project), under the same names so that readers of Clarify's output find them.
 * Clarify's {@code expected_value} is left out: its baseline differs from TreeSHAP's.
 */
public final class ClarifyAnalysisJson {

    /** The file name Clarify gives the analysis. */
    public static final String FILE_NAME = "analysis.json";

    private static final JsonMapper MAPPER =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ClarifyAnalysisJson() {}

    /**
     * The analysis as JSON text, ending in a newline, with a section for each report given.
     *
     * @throws BiasException when a report is given for the wrong stage, or neither is given
     */
    public static String write(Optional<BiasReport> preTraining, Optional<BiasReport> postTraining) {
        return write(preTraining, postTraining, Optional.empty());
    }

    /**
     * The analysis as JSON text, ending in a newline, with a section for each report given and, when given, the
     * global SHAP values: {@code explanations.kernel_shap.label0.global_shap_values}, each feature's mean |φ|
     * ({@link FeatureAttribution#meanAbsShap()}).
     *
     * @param globalShapValues the mean SHAP values of every explained row (for example {@link
     *     ExplanationsByGroup}'s sums over everyone), in the order the file should list the features
     * @throws BiasException when a report is given for the wrong stage, no report is given, or the SHAP values are
     *     of no row
     */
    public static String write(
            Optional<BiasReport> preTraining,
            Optional<BiasReport> postTraining,
            Optional<GroupAttribution> globalShapValues) {
        if (preTraining.isEmpty() && postTraining.isEmpty()) {
            throw new BiasException("an analysis.json needs a pre-training or a post-training report; got neither");
        }
        ObjectNode root = MAPPER.createObjectNode();
        preTraining.ifPresent(report -> writeSection(root, Stage.PRE_TRAINING, report));
        postTraining.ifPresent(report -> writeSection(root, Stage.POST_TRAINING, report));
        globalShapValues.ifPresent(shap -> writeExplanations(root, shap));
        return MAPPER.writeValueAsString(root) + "\n";
    }

    /**
     * Adds the pre-training section to an analysis written without one (the batch report's, which has no access to
     * the training labels), from the {@code bias-pre.json} training wrote ({@link BiasReportJson}'s format): the same
     * facets, metrics sorted by name, {@code "value": null} with the first note as {@code "error"} for a metric
     * without a value — what {@link #write} writes for the same report. The other sections stay as they were; the
     * pre-training section comes first, as Clarify writes it.
     *
     * @throws BiasException when the report is not a pre-training report of {@link BiasReportJson}'s format, or the
     *     analysis is not an object
     */
    public static String withPreTraining(String analysisJson, String biasPreJson) {
        JsonNode analysis = MAPPER.readTree(analysisJson);
        JsonNode pre = MAPPER.readTree(biasPreJson);
        if (!analysis.isObject()) {
            throw new BiasException("an analysis.json must be a JSON object");
        }
        if (pre.path("format_version").asInt(-1) != BiasReportJson.FORMAT_VERSION
                || !Stage.PRE_TRAINING.jsonName().equals(pre.path("stage").asString(""))) {
            throw new BiasException("the pre-training report has format " + pre.path("format_version") + " and stage "
                    + pre.path("stage") + "; this build reads format " + BiasReportJson.FORMAT_VERSION + ", stage "
                    + Stage.PRE_TRAINING.jsonName());
        }
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode section = root.putObject(Stage.PRE_TRAINING.clarifySection());
        section.put("label", pre.path("label").asString());
        section.put(
                "label_value_or_threshold", pre.path("favourable_label_value").asString());
        ObjectNode facets = section.putObject("facets");
        for (JsonNode facet : pre.path("facets")) {
            String attribute = facet.path("attribute").asString();
            ArrayNode entries = facets.has(attribute) ? (ArrayNode) facets.get(attribute) : facets.putArray(attribute);
            ObjectNode entry = entries.addObject();
            entry.put("value_or_threshold", facet.path("value_or_threshold").asString());
            List<JsonNode> sorted = new ArrayList<>();
            facet.path("metrics").forEach(sorted::add);
            sorted.sort(Comparator.comparing(metric -> metric.path("name").asString()));
            ArrayNode metrics = entry.putArray("metrics");
            for (JsonNode metric : sorted) {
                ObjectNode out = metrics.addObject();
                out.put("name", metric.path("name").asString());
                out.put("description", metric.path("description").asString());
                if (metric.path("value").isNumber()) {
                    out.put("value", metric.path("value").asDouble());
                } else {
                    out.putNull("value");
                    out.put("error", metric.path("notes").path(0).asString("no value"));
                }
            }
        }
        analysis.properties().forEach(entry -> {
            if (!entry.getKey().equals(Stage.PRE_TRAINING.clarifySection())) {
                root.set(entry.getKey(), entry.getValue());
            }
        });
        return MAPPER.writeValueAsString(root) + "\n";
    }

    private static void writeExplanations(ObjectNode root, GroupAttribution shap) {
        if (shap.rows() == 0) {
            throw new BiasException("global SHAP values need at least one explained row; got none");
        }
        ObjectNode values = root.putObject("explanations")
                .putObject("kernel_shap")
                .putObject("label0")
                .putObject("global_shap_values");
        for (FeatureAttribution feature : shap.features()) {
            if (values.has(feature.feature())) {
                throw new BiasException("feature " + feature.feature() + " has two global SHAP values; give each once");
            }
            values.put(feature.feature(), feature.meanAbsShap());
        }
    }

    private static void writeSection(ObjectNode root, Stage stage, BiasReport report) {
        if (report.stage() != stage) {
            throw new BiasException("a " + report.stage().jsonName() + " report cannot fill " + stage.clarifySection()
                    + "; it belongs in " + report.stage().clarifySection());
        }
        ObjectNode section = root.putObject(stage.clarifySection());
        section.put("label", report.label());
        section.put("label_value_or_threshold", report.favourableLabelValue());
        ObjectNode facets = section.putObject("facets");
        for (FacetReport facetReport : report.facets()) {
            Facet facet = facetReport.facet();
            ArrayNode entries = facets.has(facet.attribute())
                    ? (ArrayNode) facets.get(facet.attribute())
                    : facets.putArray(facet.attribute());
            ObjectNode entry = entries.addObject();
            entry.put("value_or_threshold", facet.valueOrThreshold());
            ArrayNode metrics = entry.putArray("metrics");
            List<MetricResult> sorted = new ArrayList<>(facetReport.metrics());
            sorted.sort(Comparator.comparing(MetricResult::name));
            for (MetricResult result : sorted) {
                ObjectNode metric = metrics.addObject();
                metric.put("name", result.name());
                metric.put("description", result.metric().description());
                if (result.value().isPresent()) {
                    metric.put("value", result.value().getAsDouble());
                } else {
                    metric.putNull("value");
                    metric.put("error", result.notes().get(0));
                }
            }
        }
    }
}
