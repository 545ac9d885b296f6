package com.example.credit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.core.bias.Facet;
import com.example.credit.core.bias.Facets;
import com.example.credit.core.layout.PreparedLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The main job's fairness figures on the shared run: the bias reports training and the batch report write are first
 * recounted here from the prepared files and the batch output (the counts and the four headline formulas written out
 * in this test, independent of credit-core's bias package), then pinned by a golden file, so that a change in the
 * figures is seen and has to be explained. Regenerate the golden file with {@code -Dfairness.golden.update=true}
 * after a deliberate change (the recount still has to agree first).
 */
@ExtendWith(SharedRun.Resolver.class)
class FairnessFiguresTests {

    private static final JsonMapper MAPPER = JsonMapper.shared();
    private static final String GOLDEN = "/golden/fairness-shared-run.json";
    private static final double THRESHOLD = 0.5;

    /** One applicant as the recount sees it: the outcome, the model's probability (test rows) and the attributes. */
    private record Applicant(boolean defaulted, double probability, Map<String, String> attributes) {}

    @Test
    void trainingsPreTrainingFiguresAreTheCountsOfTheTrainingLabels(SharedRun run) throws IOException {
        Map<String, Applicant> train =
                applicants(run.work().resolve("prepared"), "label_train", "protected_train", null);
        JsonNode report = read(run.work().resolve("model/bias-pre.json"));

        for (Facet facet : Facets.standard()) {
            Counts counts = Counts.of(train.values(), facet);
            JsonNode metrics = metrics(report, facet.name());
            // CI = (n_a - n_d) / (n_a + n_d); DPL = q_a - q_d, q the share without default.
            assertThat(metrics.path("CI").asDouble())
                    .as("CI of " + facet.name())
                    .isCloseTo(
                            (counts.others - counts.members) / (double) (counts.others + counts.members),
                            within(1e-12));
            if (counts.members > 0 && counts.others > 0) {
                assertThat(metrics.path("DPL").asDouble())
                        .as("DPL of " + facet.name())
                        .isCloseTo(
                                counts.othersGood / (double) counts.others
                                        - counts.membersGood / (double) counts.members,
                                within(1e-12));
            } else {
                assertThat(metrics.path("DPL").isNull())
                        .as("DPL of an empty facet " + facet.name())
                        .isTrue();
            }
        }
    }

    @Test
    void theReportsPostTrainingFiguresAreTheCountsOfTheExplainedTestSet(SharedRun run) throws IOException {
        Map<String, Applicant> test = applicants(
                run.work().resolve("prepared"),
                "label_test",
                "protected_test",
                run.work().resolve("batch"));
        JsonNode report = read(run.work().resolve("report/bias-post.json"));

        assertThat(report.path("rows").asLong()).isEqualTo(test.size());
        for (Facet facet : Facets.standard()) {
            Counts counts = Counts.of(test.values(), facet);
            JsonNode metrics = metrics(report, facet.name());
            if (counts.members == 0 || counts.others == 0 || counts.othersApproved == 0) {
                assertThat(metrics.path("DI").isNull())
                        .as("DI of " + facet.name())
                        .isTrue();
                continue;
            }
            double approvedMembers = counts.membersApproved / (double) counts.members;
            double approvedOthers = counts.othersApproved / (double) counts.others;
            // DI = q'_d / q'_a; DPPL = q'_a - q'_d, q' the share the model approves (p < 0.5).
            assertThat(metrics.path("DI").asDouble())
                    .as("DI of " + facet.name())
                    .isCloseTo(approvedMembers / approvedOthers, within(1e-12));
            assertThat(metrics.path("DPPL").asDouble())
                    .as("DPPL of " + facet.name())
                    .isCloseTo(approvedOthers - approvedMembers, within(1e-12));
        }
        assertThat(run.summary().render())
                .contains("fairness          post-training, " + test.size() + " labelled applicants");
    }

    @Test
    void theReportsClarifyAnalysisHoldsBothStagesAndTheGlobalShapValues(SharedRun run) throws IOException {
        JsonNode analysis = read(run.work().resolve("report/analysis.json"));
        JsonNode pre = read(run.work().resolve("model/bias-pre.json"));

        assertThat(analysis.propertyNames())
                .containsExactly("pre_training_bias_metrics", "post_training_bias_metrics", "explanations");
        JsonNode women = analysis.path("pre_training_bias_metrics")
                .path("facets")
                .path("personal__gender")
                .get(0);
        assertThat(women.path("value_or_threshold").asString()).isEqualTo("female");
        double ci = 0;
        for (JsonNode metric : women.path("metrics")) {
            if (metric.path("name").asString().equals("CI")) {
                ci = metric.path("value").asDouble();
            }
        }
        assertThat(ci)
                .isEqualTo(metrics(pre, "personal__gender=female").path("CI").asDouble());
        assertThat(analysis.path("explanations")
                        .path("kernel_shap")
                        .path("label0")
                        .path("global_shap_values")
                        .size())
                .isEqualTo(20);
    }

    @Test
    void theHeadlineFiguresAreThoseOfTheGoldenFile(SharedRun run) throws IOException {
        ObjectNode figures = MAPPER.createObjectNode();
        JsonNode pre = read(run.work().resolve("model/bias-pre.json"));
        JsonNode post = read(run.work().resolve("report/bias-post.json"));
        for (Facet facet : Facets.standard()) {
            ObjectNode node = figures.putObject(facet.name());
            node.set("CI", metrics(pre, facet.name()).path("CI"));
            node.set("DPL", metrics(pre, facet.name()).path("DPL"));
            node.set("DI", metrics(post, facet.name()).path("DI"));
            node.set("DPPL", metrics(post, facet.name()).path("DPPL"));
        }
        String actual = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(figures) + "\n";
        if (Boolean.getBoolean("fairness.golden.update")) {
            Path golden = Path.of("src/test/resources" + GOLDEN);
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual);
        }
        try (InputStream in = FairnessFiguresTests.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as("golden file " + GOLDEN).isNotNull();
            assertThat(actual)
                    .as("the shared run's fairness figures changed; if that is meant, rerun with"
                            + " -Dfairness.golden.update=true and say why in the commit")
                    .isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Per facet: members and others, with and without default, and approved by the model. */
    private static final class Counts {
        long members;
        long others;
        long membersGood;
        long othersGood;
        long membersApproved;
        long othersApproved;

        static Counts of(Iterable<Applicant> applicants, Facet facet) {
            Counts counts = new Counts();
            for (Applicant applicant : applicants) {
                boolean member = facet.contains(applicant.attributes().get(facet.attribute()));
                boolean good = !applicant.defaulted();
                boolean approved = applicant.probability() < THRESHOLD;
                if (member) {
                    counts.members++;
                    counts.membersGood += good ? 1 : 0;
                    counts.membersApproved += approved ? 1 : 0;
                } else {
                    counts.others++;
                    counts.othersGood += good ? 1 : 0;
                    counts.othersApproved += approved ? 1 : 0;
                }
            }
            return counts;
        }
    }

    private static Map<String, Applicant> applicants(Path prepared, String labels, String attributes, Path batch)
            throws IOException {
        Map<String, Boolean> outcome = new HashMap<>();
        for (JsonNode row : rows(prepared.resolve(labels))) {
            outcome.put(
                    row.path("row_id").asString(), row.path("credit__default").asBoolean());
        }
        Map<String, Double> probability = new HashMap<>();
        if (batch != null) {
            for (JsonNode row : rows(batch)) {
                probability.put(
                        row.path("row_id").asString(),
                        row.path("SageMakerOutput").path("prediction").asDouble());
            }
        }
        Map<String, Applicant> applicants = new LinkedHashMap<>();
        for (JsonNode row : rows(prepared.resolve(attributes))) {
            String id = row.path("row_id").asString();
            Map<String, String> values = new HashMap<>();
            row.properties()
                    .forEach(entry -> values.put(
                            entry.getKey(),
                            entry.getValue().isNumber()
                                    ? entry.getValue().numberValue().toString()
                                    : entry.getValue().asString()));
            applicants.put(id, new Applicant(outcome.get(id), probability.getOrDefault(id, Double.NaN), values));
        }
        return applicants;
    }

    private static List<JsonNode> rows(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> parts = files.filter(Files::isRegularFile)
                    .filter(file -> PreparedLayout.isDataFile(file.getFileName().toString()))
                    // Not the run index or resume markers below hidden folders of the batch output.
                    .filter(file -> !folder.relativize(file).toString().contains("." + java.io.File.separator)
                            && !folder.relativize(file).toString().startsWith("."))
                    .sorted()
                    .toList();
            List<JsonNode> rows = new java.util.ArrayList<>();
            for (Path part : parts) {
                for (String line : Files.readAllLines(part)) {
                    if (!line.isBlank()) {
                        rows.add(MAPPER.readTree(line));
                    }
                }
            }
            return rows;
        }
    }

    private static JsonNode read(Path file) throws IOException {
        assertThat(file).exists();
        return MAPPER.readTree(Files.readString(file));
    }

    /** A facet's metrics by name. */
    private static JsonNode metrics(JsonNode report, String facet) {
        ObjectNode byName = MAPPER.createObjectNode();
        for (JsonNode node : report.path("facets")) {
            if (node.path("name").asString().equals(facet)) {
                node.path("metrics")
                        .forEach(metric -> byName.set(metric.path("name").asString(), metric.path("value")));
                return byName;
            }
        }
        throw new AssertionError("no facet " + facet + " in the report");
    }
}
