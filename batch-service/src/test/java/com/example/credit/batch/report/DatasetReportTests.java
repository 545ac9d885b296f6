package com.example.credit.batch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.batch.ReportException;
import com.example.credit.batch.TestModel;
import com.example.credit.batch.runs.ApplicantFilter;
import com.example.credit.batch.runs.ExportFile;
import com.example.credit.batch.runs.RunExport;
import com.example.credit.batch.runs.RunIndex;
import com.example.credit.batch.runs.RunIndexWriter;
import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.manifest.ModelManifestJson;
import com.example.credit.core.metrics.ReliabilityBin;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dataset report over the test model's batch output (its 200 held-out rows through the local back end): the run
 * indexed with its labels and exported; its figures against those training recorded for the same model and rows.
 */
class DatasetReportTests {

    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();

    @TempDir
    Path temp;

    Path predictions;
    Path html;

    @BeforeEach
    void copyTheBatchOutput() {
        predictions = BatchOutputFixture.copy(temp.resolve("predictions"));
        html = temp.resolve("report/report.html");
    }

    private ReportSummary write() {
        return DatasetReport.write(predictions, BatchOutputFixture.labels(), html);
    }

    private RunIndex index() {
        return RunIndex.open(predictions, CATALOG);
    }

    private Path labelFile(String name, List<String> lines) throws IOException {
        Path folder = Files.createDirectories(temp.resolve(name));
        Files.write(folder.resolve("part-00000.json"), lines);
        return folder;
    }

    @Test
    void reachesTheTestAucThatTrainingRecordedForTheSameModelAndRows() {
        ReportSummary summary = write();

        double trainingAuc =
                ModelManifestJson.read(TestModel.directory()).metrics().get("test_auc");
        assertThat(summary.records()).isEqualTo(200);
        assertThat(summary.labelled()).isEqualTo(200);
        assertThat(summary.errorLines()).isZero();
        assertThat(summary.auc()).isCloseTo(trainingAuc, within(1e-9));
    }

    @Test
    void reportsTheFiguresOfTheRunIndexSummaryAndTheFilesSize() throws IOException {
        ReportSummary summary = write();

        JsonNode index = index().summary();
        assertThat(summary.html()).isEqualTo(html);
        assertThat(summary.records()).isEqualTo(index.path("records").asLong());
        assertThat(summary.labelled()).isEqualTo(index.path("labelled").asLong());
        assertThat(summary.errorLines()).isEqualTo(index.path("error_lines").asLong());
        assertThat(summary.auc()).isEqualTo(index.path("auc").asDouble());
        assertThat(summary.bytes()).isEqualTo(Files.size(html));
    }

    @Test
    void calibrationInTheIndexMatchesTheReliabilityTableThatTrainingRecordedForTheSameModelAndRows() {
        write();

        JsonNode calibration = index().summary().path("calibration");
        ModelManifest manifest = ModelManifestJson.read(TestModel.directory());
        assertThat(calibration.path("brier").asDouble())
                .isCloseTo(manifest.metrics().get("test_brier"), within(1e-9));
        assertThat(calibration.path("bins").size()).isEqualTo(10);
        assertThat(calibration.path("bins").valueStream().mapToLong(bin -> bin.path("count")
                        .asLong()))
                .containsExactlyElementsOf(manifest.reliability().stream()
                        .map(ReliabilityBin::count)
                        .toList());
        for (int i = 0; i < 10; i++) {
            JsonNode bin = calibration.path("bins").get(i);
            ReliabilityBin recorded = manifest.reliability().get(i);
            if (recorded.count() == 0) {
                assertThat(bin.path("mean_predicted").isNull()).as("bin %d", i).isTrue();
            } else {
                assertThat(bin.path("mean_predicted").asDouble())
                        .as("bin %d", i)
                        .isCloseTo(recorded.meanPredicted(), within(1e-9));
                assertThat(bin.path("observed_rate").asDouble())
                        .as("bin %d", i)
                        .isCloseTo(recorded.observedRate(), within(1e-12));
            }
        }
    }

    @Test
    void exportsTheHundredHighestRiskApplicantsInFourPagesWithTheirExplanations() throws IOException {
        write();

        JsonNode snapshot = ExportFile.snapshot(Files.readString(html));
        JsonNode applicants = snapshot.path("applicants");
        assertThat(applicants.path("exported").asInt()).isEqualTo(RunExport.EXPORTED_APPLICANTS);
        assertThat(applicants.path("total").asInt()).isEqualTo(200);
        List<String> highest =
                index().applicants(ApplicantFilter.parse("", CATALOG), RunIndex.Sort.SCORE_DESC, 0, 100).rows().stream()
                        .map(RunIndex.Row::rowId)
                        .toList();
        assertThat(applicants.path("row_ids").valueStream().map(JsonNode::asString))
                .containsExactlyElementsOf(highest);
        JsonNode answers = snapshot.path("answers");
        String run = "api/runs/predictions";
        assertThat(IntStream.range(0, 5)
                        .filter(page ->
                                answers.has(run + "/applicants?filter=&sort=score_desc&page=" + page + "&size=25"))
                        .boxed()
                        .toList())
                .containsExactly(0, 1, 2, 3);
        assertThat(highest).allSatisfy(rowId -> assertThat(answers.path(run + "/applicants/" + rowId)
                        .path("explanation")
                        .path("shap_values")
                        .size())
                .isEqualTo(20));
        assertThat(answers.path(run + "/summary").path("records").asLong()).isEqualTo(200);
    }

    @Test
    void writesTheSameBytesForTheSameRunWhetherItIsIndexedAgainOrNot() throws IOException {
        write();
        byte[] first = Files.readAllBytes(html);
        // A file the index step would not keep: it survives only as long as the index does.
        Path marker = predictions.resolve(".dashboard/kept");
        Files.writeString(marker, "");

        write();
        assertThat(marker).as("a current index is used as it is").exists();
        assertThat(Files.readAllBytes(html)).isEqualTo(first);

        new RunIndexWriter(CATALOG).write(predictions, Map.of());
        write();
        assertThat(Files.readAllBytes(html)).isEqualTo(first);
    }

    @Test
    void indexesTheRunAgainWhenItsIndexHasOtherLabelsOrItsFilesChanged() throws IOException {
        new RunIndexWriter(CATALOG).write(predictions, Map.of());
        assertThat(index().summary().path("labelled").asLong()).isZero();

        assertThat(write().labelled()).isEqualTo(200);

        Path file = predictions.resolve("part-00000.json.out");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add("{\"error\":{\"status\":400,\"title\":\"Invalid application\",\"detail\":\"x\",\"line\":101}}");
        Files.write(file, lines);
        ReportSummary changed = write();
        assertThat(changed.errorLines()).isEqualTo(1);
        assertThat(changed.records()).isEqualTo(200);
    }

    @Test
    void refusesLabelsThatMatchNoPrediction() throws IOException {
        Path labels = labelFile("other", List.of("{\"row_id\":\"00000000000000aa\",\"credit__default\":true}"));

        assertThatThrownBy(() -> DatasetReport.write(predictions, labels, html))
                .isInstanceOf(ReportException.class)
                .hasMessageStartingWith("none of the 200 predicted row ids has a label");
        assertThat(html).doesNotExist();
    }

    @Test
    void refusesLabelsOfOneClassBecauseTheAucIsUndefined() throws IOException {
        List<String> lines = new ArrayList<>();
        LabelReader.read(BatchOutputFixture.labels(), JsonMapper.shared())
                .keySet()
                .forEach(rowId -> lines.add("{\"row_id\":\"" + rowId + "\",\"credit__default\":true}"));
        Path labels = labelFile("defaulted", lines);

        assertThatThrownBy(() -> DatasetReport.write(predictions, labels, html))
                .isInstanceOf(ReportException.class)
                .hasMessage("AUC needs both defaulted and repaid credits among the 200 labelled records, found only"
                        + " defaulted ones");
    }

    @Test
    void writesOneSelfContainedPageOfTheDashboardWithNothingToFetch() throws IOException {
        ReportSummary summary = write();

        String page = Files.readString(html);
        assertThat(page)
                .doesNotContain("<script src", "<link rel=\"stylesheet\"", "src=\"http", "cdn.")
                .contains("<h1>Batch explanations dashboard</h1>", "id=\"chart-calibration\"", "echarts");
        assertThat(summary.bytes()).isLessThan(3L * 1024 * 1024);
    }

    @Test
    void writesThePostTrainingBiasAndClarifysAnalysisBesideTheReportWithTheShapeClarifysReadersUse()
            throws IOException {
        Path protectedTest = BatchOutputFixture.protectedAttributes(temp.resolve("protected_test"));

        ReportSummary summary = DatasetReport.write(predictions, BatchOutputFixture.labels(), protectedTest, html);

        Path folder = html.getParent();
        assertThat(summary.biasPost()).contains(folder.resolve("bias-post.json"));
        assertThat(summary.clarifyAnalysis()).contains(folder.resolve("analysis.json"));
        assertThat(Files.readString(folder.resolve("bias-post.json")))
                .isEqualTo(index().biasPostJson().orElseThrow());
        JsonNode biasPost = JsonMapper.shared().readTree(Files.readString(folder.resolve("bias-post.json")));
        assertThat(biasPost.path("format_version").asInt()).isEqualTo(1);
        assertThat(biasPost.path("stage").asString()).isEqualTo("post_training");
        assertThat(biasPost.path("prediction_threshold").asDouble()).isEqualTo(0.5);
        assertThat(biasPost.path("group_variable").asString()).isEqualTo("credit__purpose");
        assertThat(biasPost.path("rows").asLong()).isEqualTo(200);
        assertThat(biasPost.path("facets").valueStream().map(f -> f.path("name").asString()))
                .containsExactlyElementsOf(com.example.credit.core.bias.Facets.standard().stream()
                        .map(com.example.credit.core.bias.Facet::name)
                        .toList());
        // The age bands cover everyone once; so do the relationship statuses.
        assertThat(biasPost.path("facets")
                        .valueStream()
                        .filter(f -> f.path("attribute").asString().equals("personal__age"))
                        .mapToLong(
                                f -> f.path("counts").path("facet").path("rows").asLong())
                        .sum())
                .isEqualTo(200);

        JsonNode analysis = JsonMapper.shared().readTree(Files.readString(folder.resolve("analysis.json")));
        assertThat(analysis.propertyNames()).containsExactly("post_training_bias_metrics", "explanations");
        JsonNode post = analysis.path("post_training_bias_metrics");
        assertThat(post.path("label").asString()).isEqualTo("credit__default");
        assertThat(post.path("label_value_or_threshold").asString()).isEqualTo("false");
        JsonNode female = post.path("facets").path("personal__gender").get(0);
        assertThat(female.path("value_or_threshold").asString()).isEqualTo("female");
        assertThat(female.path("metrics").valueStream().map(m -> m.path("name").asString()))
                .containsExactly("AD", "CDDPL", "DAR", "DCA", "DCR", "DI", "DPPL", "DRR", "FT", "RD", "SD", "TE");
        assertThat(female.path("metrics").get(0).propertyNames()).contains("name", "description", "value");
        JsonNode global =
                analysis.path("explanations").path("kernel_shap").path("label0").path("global_shap_values");
        assertThat(global.propertyNames()).containsExactlyElementsOf(CATALOG.names());
        // The exact mean |phi| of the lines; the index's importance holds it from float32 columns.
        for (JsonNode item : index().summary().path("importance")) {
            assertThat(global.path(item.path("feature").asString()).asDouble())
                    .as(item.path("feature").asString())
                    .isCloseTo(item.path("mean_abs_phi").asDouble(), within(1e-6));
        }
        // The export renders the fairness from the summary it embeds.
        assertThat(ExportFile.snapshot(Files.readString(html))
                        .path("answers")
                        .path("api/runs/predictions/summary")
                        .path("fairness")
                        .path("post_training"))
                .isEqualTo(biasPost);
    }

    @Test
    void writesTheSameFairnessFilesForTheSameRunAndNoneWithoutProtectedAttributes() throws IOException {
        Path protectedTest = BatchOutputFixture.protectedAttributes(temp.resolve("protected_test"));
        Path folder = html.getParent();
        DatasetReport.write(predictions, BatchOutputFixture.labels(), protectedTest, html);
        Map<String, byte[]> first = new java.util.HashMap<>();
        for (String name : List.of("report.html", "bias-post.json", "analysis.json")) {
            first.put(name, Files.readAllBytes(folder.resolve(name)));
        }

        DatasetReport.write(predictions, BatchOutputFixture.labels(), protectedTest, html);

        for (String name : first.keySet()) {
            assertThat(Files.readAllBytes(folder.resolve(name))).as(name).isEqualTo(first.get(name));
        }
        Path other = temp.resolve("other/report.html");
        new RunIndexWriter(CATALOG).write(predictions, Map.of());
        ReportSummary without = DatasetReport.write(predictions, BatchOutputFixture.labels(), other);
        assertThat(without.biasPost()).isEmpty();
        assertThat(without.clarifyAnalysis()).isEmpty();
        assertThat(other.resolveSibling("bias-post.json")).doesNotExist();
        assertThat(other.resolveSibling("analysis.json")).doesNotExist();
    }

    @Test
    void refusesProtectedAttributesOfNoLabelledApplicant() throws IOException {
        Path strangers = labelFile(
                "strangers",
                List.of("{\"row_id\":\"00000000000000aa\",\"personal__age\":30,\"personal__gender\":\"female\","
                        + "\"personal__relationship_status\":\"single\"}"));

        assertThatThrownBy(() -> DatasetReport.write(predictions, BatchOutputFixture.labels(), strangers, html))
                .isInstanceOf(ReportException.class)
                .hasMessage("no fairness from protected attributes " + strangers + ": none of the 200 labelled"
                        + " applicants has the protected attributes the facets need (personal__age, personal__gender,"
                        + " personal__relationship_status) and a value of the group variable credit__purpose; are they"
                        + " those of the same split (protected_test)?");
        assertThat(html).doesNotExist();
    }

    @Test
    void namesTheRunAfterItsFolderInTheDashboardsIdAlphabet() {
        assertThat(DatasetReport.runId(Path.of("work", "batch"))).isEqualTo("batch");
        assertThat(DatasetReport.runId(Path.of("runs", "2026 run #1"))).isEqualTo("2026-run--1");
        assertThat(DatasetReport.runId(Path.of("runs", "_tmp"))).isEqualTo("run");
    }
}
