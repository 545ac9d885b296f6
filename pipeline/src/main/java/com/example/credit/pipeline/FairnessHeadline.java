package com.example.credit.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The headline fairness figures of a run for its summary: disparate impact (DI, 1 is parity) and the difference in
 * positive proportions of predicted labels (DPPL, 0 is parity) of each facet, read from the report's
 * {@code bias-post.json}. An undefined metric is printed as {@code n/a}.
 */
final class FairnessHeadline {

    private FairnessHeadline() {}

    /** One line per facet, or one line saying why there are none. */
    static List<String> lines(Optional<Path> biasPost) {
        if (biasPost.isEmpty()) {
            return List.of("no fairness figures: the report has no bias-post.json (no protected attributes)");
        }
        JsonNode report;
        try {
            report = JsonMapper.shared().readTree(Files.readString(biasPost.get()));
        } catch (IOException | JacksonException e) {
            throw new PipelineException(
                    "cannot read the fairness figures " + biasPost.get() + ": " + e.getMessage(), e);
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "post-training, %d labelled applicants, approved below p=%s (%s):",
                report.path("rows").asLong(),
                report.path("prediction_threshold").asString(),
                biasPost.get().getFileName()));
        for (JsonNode facet : report.path("facets")) {
            lines.add(String.format(
                    Locale.ROOT,
                    "  %-42s DI %-6s DPPL %s",
                    facet.path("name").asString(),
                    value(facet, "DI", "%.3f"),
                    value(facet, "DPPL", "%+.3f")));
        }
        return lines;
    }

    private static String value(JsonNode facet, String metric, String format) {
        for (JsonNode node : facet.path("metrics")) {
            if (node.path("name").asString().equals(metric)) {
                return node.path("value").isNumber()
                        ? String.format(Locale.ROOT, format, node.path("value").asDouble())
                        : "n/a";
            }
        }
        return "n/a";
    }
}
