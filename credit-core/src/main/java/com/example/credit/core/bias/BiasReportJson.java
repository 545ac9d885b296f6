package com.example.credit.core.bias;

import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link BiasReport} as this project's bias report ({@code bias-pre.json}, {@code bias-post.json}):
 * everything the report holds, with a format version. Deterministic (fixed key order, the report's order of facets
 * and metrics), so the same analysis gives byte-identical files. A metric without a value is written with {@code
 * "value": null}; no number is NaN or infinite, and unbounded range ends are {@code null}.
 */
public final class BiasReportJson {

    /** The format this build writes. */
    public static final int FORMAT_VERSION = 1;

    private static final JsonMapper MAPPER =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private BiasReportJson() {}

    /** The report as JSON text, ending in a newline. */
    public static String write(BiasReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("stage", report.stage().jsonName());
        root.put("label", report.label());
        root.put("favourable_label_value", report.favourableLabelValue());
        if (report.predictionThreshold().isPresent()) {
            root.put("prediction_threshold", report.predictionThreshold().getAsDouble());
        }
        putOptional(root, "group_variable", report.groupVariable());
        root.put("rows", report.rows());
        ArrayNode facets = root.putArray("facets");
        for (FacetReport facetReport : report.facets()) {
            ObjectNode facet = facets.addObject();
            facet.put("name", facetReport.facet().name());
            facet.put("attribute", facetReport.facet().attribute());
            facet.put("value_or_threshold", facetReport.facet().valueOrThreshold());
            ObjectNode counts = facet.putObject("counts");
            writeGroup(counts.putObject("facet"), facetReport.counts().facet());
            writeGroup(counts.putObject("others"), facetReport.counts().others());
            ArrayNode metrics = facet.putArray("metrics");
            for (MetricResult result : facetReport.metrics()) {
                writeMetric(metrics.addObject(), result);
            }
        }
        return MAPPER.writeValueAsString(root) + "\n";
    }

    private static void writeGroup(ObjectNode node, GroupCounts group) {
        node.put("rows", group.rows());
        node.put("favourable", group.favourable());
        group.predictions().ifPresent(confusion -> {
            node.put("predicted_favourable", confusion.predictedFavourable());
            node.put("true_positives", confusion.truePositives());
            node.put("false_positives", confusion.falsePositives());
            node.put("false_negatives", confusion.falseNegatives());
            node.put("true_negatives", confusion.trueNegatives());
        });
    }

    private static void writeMetric(ObjectNode node, MetricResult result) {
        BiasMetric metric = result.metric();
        node.put("name", metric.name());
        node.put("description", metric.description());
        if (result.value().isPresent()) {
            node.put("value", result.value().getAsDouble());
        } else {
            node.putNull("value");
        }
        node.put("status", result.status().name().toLowerCase(Locale.ROOT));
        node.put("ideal_value", result.idealValue());
        ObjectNode range = node.putObject("range");
        ValueRange values = result.range();
        if (values.min().isPresent()) {
            range.put("min", values.min().getAsDouble());
        } else {
            range.putNull("min");
        }
        if (values.max().isPresent()) {
            range.put("max", values.max().getAsDouble());
        } else {
            range.putNull("max");
        }
        range.put("notation", values.notation());
        node.put("reading", result.reading());
        ArrayNode notes = node.putArray("notes");
        result.notes().forEach(notes::add);
        node.put("source", metric.source());
    }

    private static void putOptional(ObjectNode node, String field, Optional<String> value) {
        if (value.isPresent()) {
            node.put(field, value.get());
        } else {
            node.putNull(field);
        }
    }
}
