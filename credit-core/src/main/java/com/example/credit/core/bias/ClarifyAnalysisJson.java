package com.example.credit.core.bias;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
 *  "post_training_bias_metrics": {...}}
 * }</pre>
 *
 * Facets are grouped under their attribute in the order given; the metrics of a facet are sorted by name, as
 * Clarify's implementation sorts them. A metric without a value is written as Clarify writes a metric that failed:
 * {@code "value": null} with an {@code "error"} string (here the metric's first note). Clarify writes an infinite
 * value as the string {@code "Infinity"}; this writer never does, such metrics have no value.
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
        if (preTraining.isEmpty() && postTraining.isEmpty()) {
            throw new BiasException("an analysis.json needs a pre-training or a post-training report; got neither");
        }
        ObjectNode root = MAPPER.createObjectNode();
        preTraining.ifPresent(report -> writeSection(root, Stage.PRE_TRAINING, report));
        postTraining.ifPresent(report -> writeSection(root, Stage.POST_TRAINING, report));
        return MAPPER.writeValueAsString(root) + "\n";
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
