package com.example.credit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(SharedRun.Resolver.class)
class LocalPipelineTests {

    static Path work;
    static PipelineSummary summary;
    static String output;

    // The pipeline on 600 synthetic applicants, seed 7: the run PiiLeakTests scans too.
    @BeforeAll
    static void useTheSharedRun(SharedRun run) {
        work = run.work();
        summary = run.summary();
        output = run.printed();
    }

    @Test
    void generatesTheThreeRawDatasetsAndTheirManifest() {
        assertThat(work.resolve("raw/credits/credits.csv")).isRegularFile();
        assertThat(work.resolve("raw/people/people.jsonl")).isRegularFile();
        assertThat(work.resolve("raw/contacts/contacts.csv")).isRegularFile();
        assertThat(work.resolve("raw/_SUCCESS")).content().contains("\"n\":600");
        assertThat(summary.applicants()).isEqualTo(600);
    }

    @Test
    void preparesAnEightyTwentySplitWithSchemas() throws IOException {
        assertThat(summary.trainRows()).isEqualTo(480);
        assertThat(summary.testRows()).isEqualTo(120);
        assertThat(lines(work.resolve("prepared/data_train"))).hasSize(480);
        assertThat(lines(work.resolve("prepared/label_test"))).hasSize(120);
        assertThat(work.resolve("prepared/schemas/data.schema.json")).isRegularFile();
        assertThat(work.resolve("prepared/schemas/label.schema.json")).isRegularFile();
    }

    @Test
    void trainsAModelThatSeparatesDefaultsBetterThanChance() {
        assertThat(work.resolve("model/model.txt")).isRegularFile();
        assertThat(work.resolve("model/model.json")).isRegularFile();
        assertThat(summary.testAuc()).isGreaterThan(0.6);
        assertThat(summary.trainAucCv()).isGreaterThan(0.6);
    }

    @Test
    void reportsEachStepAndTheHeadlineFigures() {
        assertThat(output)
                .contains(
                        "[1/6] generate synthetic applicants (n=600), seed 7",
                        "[2/6] prepare with Spark",
                        "[3/6] train LightGBM (in-process)",
                        "[4/6] start the explainer on the model (in-process)",
                        "[5/6] batch-explain the test set",
                        "[6/6] write the dataset report");
        assertThat(summary.render())
                .contains(
                        "runtime           in-process",
                        "test_auc",
                        "train_auc_cv",
                        "explanations/s",
                        work.resolve("model").toString());
    }

    @Test
    void explainsEveryTestRecordOnceInInputOrderAndAdditively() throws IOException {
        List<String> inputs = lines(work.resolve("prepared/data_test"));
        List<String> outputs = lines(work.resolve("batch"));

        assertThat(outputs).hasSize(inputs.size()).hasSize(120);
        assertThat(summary.explanations()).isEqualTo(120);
        assertThat(summary.explanationErrors()).isZero();
        for (int i = 0; i < outputs.size(); i++) {
            JsonNode input = JsonMapper.shared().readTree(inputs.get(i));
            JsonNode output = JsonMapper.shared().readTree(outputs.get(i));
            assertThat(output.get("row_id")).isEqualTo(input.get("row_id"));
            JsonNode explanation = output.path("SageMakerOutput").path("explanation_shap_values");
            double sum = explanation.path("expected_value").asDouble();
            for (JsonNode phi : explanation.path("shap_values").values()) {
                sum += phi.asDouble();
            }
            double rawScore = explanation.path("raw_score").asDouble();
            assertThat(sum).as("additivity of record %d", i).isCloseTo(rawScore, within(1e-9));
            assertThat(output.path("SageMakerOutput").path("prediction").asDouble())
                    .isCloseTo(1 / (1 + Math.exp(-rawScore)), within(1e-12));
            assertThat(explanation.path("shap_values").size()).isEqualTo(20);
        }
    }

    @Test
    void writesTheDatasetReportWithEverySection() throws IOException {
        String html = Files.readString(work.resolve("report/report.html"));

        assertThat(html)
                .contains(
                        "<h2>Global importance</h2>",
                        "<h2>Summary of explanations</h2>",
                        "<h2>Dependence</h2>",
                        "<h2>Performance against the test labels</h2>",
                        "<h2>Record drill-down</h2>")
                .doesNotContain("cdn.", "https://unpkg", "<script src=\"http");
        assertThat(summary.reportAuc()).isCloseTo(summary.testAuc(), within(1e-9));
    }

    private static List<String> lines(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith("part-"))
                    .sorted()
                    .flatMap(file -> {
                        try {
                            return Files.readAllLines(file).stream();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .filter(line -> !line.isBlank())
                    .toList();
        }
    }
}
