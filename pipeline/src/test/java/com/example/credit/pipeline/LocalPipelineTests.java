package com.example.credit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
        assertThat(BatchOutputs.lines(work.resolve("prepared/data_train"))).hasSize(480);
        assertThat(BatchOutputs.lines(work.resolve("prepared/label_test"))).hasSize(120);
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
        BatchOutputs.assertExplainedInOrderAndAdditively(
                work.resolve("prepared/data_test"), work.resolve("batch"), 120);
        assertThat(summary.explanations()).isEqualTo(120);
        assertThat(summary.explanationErrors()).isZero();
    }

    @Test
    void writesTheDatasetReportWithEverySection() throws IOException {
        String html = Files.readString(work.resolve("report/report.html"));

        // The run's export: the dashboard's page with its views and a snapshot of their answers.
        assertThat(html)
                .contains(
                        "<h3>Global importance and beeswarm</h3>",
                        "<h2 id=\"roc-title\">ROC curve</h2>",
                        "<h2 id=\"calibration-title\">Calibration</h2>",
                        "<h2 id=\"dependence-title\">Dependence</h2>",
                        "<h2 id=\"applicants-title\">Applicants</h2>",
                        "<script type=\"application/json\" id=\"dashboard-export\">")
                .doesNotContain("cdn.", "https://unpkg", "<script src");
        assertThat(summary.reportAuc()).isCloseTo(summary.testAuc(), within(1e-9));
    }
}
