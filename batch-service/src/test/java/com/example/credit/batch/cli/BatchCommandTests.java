package com.example.credit.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.batch.TestExplainer;
import com.example.credit.batch.TestModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BatchCommandTests {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int execute(String... args) {
        return new BatchCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheUsageAndExitsWithTwoWithoutArguments() {
        assertThat(execute()).isEqualTo(2);
        assertThat(stderr()).startsWith("usage:");
    }

    @Test
    void rejectsAnUnknownFlagWithExitCodeTwo() {
        assertThat(execute("transform", "--backend", "local", "--inputs", "x")).isEqualTo(2);
        assertThat(stderr()).startsWith("batch: unknown flag --inputs; known: --");
    }

    @Test
    void rejectsAFlagValueThatBreaksAJobRuleWithExitCodeTwo() {
        int code = execute(
                "transform", "--backend", "local", "--input", "in", "--output", "out", "--max-payload-mb", "200");

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).startsWith("batch: MaxPayloadInMB=200 is invalid: must be an integer in [1, 100]");
    }

    @Test
    void transformsLocallyAndThenWritesTheReport() throws Exception {
        Path predictions = temp.resolve("predictions");
        Path html = temp.resolve("report.html");
        try (TestExplainer explainer = TestExplainer.start()) {
            int code = execute(
                    "transform",
                    "--backend",
                    "local",
                    "--endpoint",
                    explainer.baseUrl().toString(),
                    "--input",
                    TestModel.prepared().resolve("data_test").toString(),
                    "--output",
                    predictions.toString(),
                    "--split-type",
                    "Line",
                    "--batch-strategy",
                    "MultiRecord",
                    "--max-payload-mb",
                    "1",
                    "--max-concurrent",
                    "2",
                    "--assemble-with",
                    "Line",
                    "--content-type",
                    "application/jsonlines",
                    "--join-source",
                    "Input");

            assertThat(code).as(stderr()).isZero();
        }
        assertThat(stdout())
                .contains("batch: 2 file(s): 2 done, 0 already done, 0 failed; 200 records (0 error lines)");
        assertThat(Files.readAllLines(predictions.resolve("part-00000.json.out")))
                .hasSize(100);

        int code = execute(
                "report",
                "--predictions",
                predictions.toString(),
                "--labels",
                TestModel.prepared().resolve("label_test").toString(),
                "--output",
                html.toString());

        assertThat(code).as(stderr()).isZero();
        assertThat(html).isNotEmptyFile();
        assertThat(stdout())
                .containsPattern(
                        "batch: report .*report\\.html \\(\\d+ KB\\): 200 records, 200 labelled, AUC 0\\.\\d{4}");

        code = execute(
                "index",
                "--predictions",
                predictions.toString(),
                "--labels",
                TestModel.prepared().resolve("label_test").toString());
        assertThat(code).as(stderr()).isZero();
        assertThat(stdout()).containsPattern("batch: indexed 200 applicants of .* \\(200 labelled, AUC 0\\.\\d{4}\\)");
        out.reset();
        code = execute("applicants", "--predictions", predictions.toString(), "--filter", "label=1", "--size", "5");
        assertThat(code).as(stderr()).isZero();
        assertThat(stdout().lines().toList())
                .hasSize(5)
                .allSatisfy(line -> assertThat(line).startsWith("{\"rowId\":\"").contains("\"label\":1"));
        assertThat(stderr()).containsPattern("batch: page 0 of \\d+ applicant\\(s\\) kept by the filter");
        assertThat(execute("applicants", "--predictions", predictions.toString(), "--filter", "label>1"))
                .isEqualTo(2);
        assertThat(stderr()).contains("batch: filter term 'label>1' compares with >; this key takes = or != only");
    }

    @Test
    void exitsWithOneAndSaysHowToResumeWhenFilesFail() {
        try (TestExplainer explainer = TestExplainer.start().failAfter(0)) {
            int code = transformMultiRecord(explainer);

            assertThat(code).isEqualTo(1);
        }
        assertThat(stderr())
                .contains("batch: failed part-00000.json: the explainer answered 503 three times")
                .contains("run the same command again to finish the failed files");
    }

    @Test
    void retriesAFailedRequestOnceAfterEachPauseOfTheRetryPausesFlag() {
        try (TestExplainer explainer = TestExplainer.start().failAfter(0)) {
            int code = transformMultiRecord(explainer, "--retry-pauses-ms", "0, 10,20");

            assertThat(code).isEqualTo(1);
            assertThat(explainer.recordsPerRequest()).isEmpty();
            assertThat(explainer.contentTypes()).hasSize(4);
        }
        assertThat(stderr()).contains("batch: failed part-00000.json: the explainer answered 503 4 times");
        assertThat(execute(
                        "transform",
                        "--backend",
                        "local",
                        "--input",
                        "in",
                        "--output",
                        "out",
                        "--retry-pauses-ms",
                        "200,-1"))
                .isEqualTo(2);
        assertThat(stderr())
                .contains("batch: flag --retry-pauses-ms needs whole milliseconds of 0 or more separated by commas"
                        + " (200,1000), got '200,-1'");
    }

    @Test
    void turnsTheServeFlagsIntoTheDashboardsProperties() {
        java.util.List<String> arguments = BatchCommand.serveArguments(Flags.parse(
                java.util.List.of(
                        "--run",
                        "a=out/a,labels/a,model/a",
                        "--run",
                        "b=out/b",
                        "--run",
                        "c=out/c,,,protected/c",
                        "--port",
                        "9001",
                        "--address",
                        "0.0.0.0",
                        "--jobs",
                        "state/jobs",
                        "--endpoint",
                        "http://127.0.0.1:8080"),
                java.util.Set.of("run", "port", "address", "jobs", "endpoint")));

        assertThat(arguments)
                .containsExactly(
                        "--dashboard.runs[0].id=a",
                        "--dashboard.runs[0].output=" + Path.of("out/a").toAbsolutePath(),
                        "--dashboard.runs[0].labels=" + Path.of("labels/a").toAbsolutePath(),
                        "--dashboard.runs[0].model=" + Path.of("model/a").toAbsolutePath(),
                        "--dashboard.runs[1].id=b",
                        "--dashboard.runs[1].output=" + Path.of("out/b").toAbsolutePath(),
                        "--dashboard.runs[2].id=c",
                        "--dashboard.runs[2].output=" + Path.of("out/c").toAbsolutePath(),
                        "--dashboard.runs[2].protected-attributes="
                                + Path.of("protected/c").toAbsolutePath(),
                        "--server.port=9001",
                        "--server.address=0.0.0.0",
                        "--dashboard.jobs.state-dir=" + Path.of("state/jobs").toAbsolutePath(),
                        "--dashboard.jobs.explainer-url=http://127.0.0.1:8080");
        assertThat(execute("serve")).isEqualTo(2);
        assertThat(stderr())
                .contains("serve needs at least one --run ID=BATCH_OUTPUT_DIR[,LABEL_DIR[,MODEL_DIR[,PROTECTED_DIR]]]");
        assertThat(execute("serve", "--run", "nothing")).isEqualTo(2);
        assertThat(stderr())
                .contains(
                        "flag --run needs ID=BATCH_OUTPUT_DIR[,LABEL_DIR[,MODEL_DIR[,PROTECTED_DIR]]], got 'nothing'");
    }

    @Test
    void indexesARunWithItsProtectedGroupsForTheFilterOnly() throws Exception {
        Path run = temp.resolve("run");
        com.example.credit.batch.runs.HandMadeRun.write(run);
        com.example.credit.batch.runs.HandMadeRun.writeProtected(temp.resolve("protected_test"));

        int code = execute(
                "index",
                "--predictions",
                run.toString(),
                "--protected",
                temp.resolve("protected_test").toString());

        assertThat(code).as(stderr()).isZero();
        // Nine of the hand-made run's ten applicants have protected attributes; what is printed holds no value.
        assertThat(stdout())
                .containsPattern("batch: indexed 10 applicants of .* \\(0 labelled, AUC n/a, protected groups of 9\\)")
                .doesNotContain("female", "married");
        out.reset();
        assertThat(execute(
                        "applicants", "--predictions", run.toString(), "--filter", "protected.personal__gender=female"))
                .isZero();
        assertThat(stdout().lines()).hasSize(4);
    }

    @Test
    void turnsTheServeFairnessFlagsIntoTheDashboardsBiasProperties() {
        java.util.List<String> arguments = BatchCommand.serveArguments(Flags.parse(
                java.util.List.of(
                        "--run",
                        "a=out/a",
                        "--facets",
                        "personal__gender=female,personal__age<25",
                        "--group-variable",
                        "none"),
                java.util.Set.of("run", "facets", "group-variable")));

        assertThat(arguments)
                .contains(
                        "--dashboard.bias.facets=personal__gender=female,personal__age<25",
                        "--dashboard.bias.group-variable=none");
    }

    @Test
    void indexesARunWithItsFairnessUnderTheFacetsGivenAndPrintsCountsOnly() throws Exception {
        Path run = temp.resolve("run");
        com.example.credit.batch.runs.HandMadeRun.write(run);
        com.example.credit.batch.runs.HandMadeRun.writeLabels(temp.resolve("label_test"));
        com.example.credit.batch.runs.HandMadeRun.writeProtected(temp.resolve("protected_test"));

        int code = execute(
                "index",
                "--predictions",
                run.toString(),
                "--labels",
                temp.resolve("label_test").toString(),
                "--protected",
                temp.resolve("protected_test").toString(),
                "--facets",
                "personal__gender=female,personal__age>=50",
                "--group-variable",
                "none",
                "--decline-threshold",
                "0.3");

        assertThat(code).as(stderr()).isZero();
        assertThat(stdout())
                .contains("protected groups of 9; fairness of 9 labelled applicants by 2 facets)")
                .doesNotContain("female", "married");
        JsonNode settings = JsonMapper.shared()
                .readTree(Files.readString(run.resolve(".dashboard/index.json")))
                .path("fairness")
                .path("settings");
        assertThat(settings.path("facets").toString()).isEqualTo("[\"personal__gender=female\",\"personal__age>=50\"]");
        assertThat(settings.path("group_variable").isNull()).isTrue();
        assertThat(settings.path("approval_threshold").asDouble()).isEqualTo(0.3);
    }

    @Test
    void writesTheReportWithItsFairnessFilesBesideIt() throws Exception {
        Path run = temp.resolve("run");
        com.example.credit.batch.runs.HandMadeRun.write(run);
        com.example.credit.batch.runs.HandMadeRun.writeLabels(temp.resolve("label_test"));
        com.example.credit.batch.runs.HandMadeRun.writeProtected(temp.resolve("protected_test"));
        Path html = temp.resolve("out/report.html");

        int code = execute(
                "report",
                "--predictions",
                run.toString(),
                "--labels",
                temp.resolve("label_test").toString(),
                "--protected",
                temp.resolve("protected_test").toString(),
                "--output",
                html.toString());

        assertThat(code).as(stderr()).isZero();
        assertThat(stdout()).contains("; fairness in bias-post.json and analysis.json beside it");
        assertThat(html.resolveSibling("bias-post.json")).isNotEmptyFile();
        assertThat(html.resolveSibling("analysis.json")).isNotEmptyFile();
    }

    @Test
    void refusesFacetsOrAThresholdItCannotUseAsAUsageError() throws Exception {
        Path run = temp.resolve("run");
        com.example.credit.batch.runs.HandMadeRun.write(run);

        assertThat(execute("index", "--predictions", run.toString(), "--facets", "personal__religion=any"))
                .isEqualTo(2);
        assertThat(stderr())
                .contains("batch: facet personal__religion=any is on personal__religion, which is not a protected"
                        + " attribute");
        err.reset();
        assertThat(execute("index", "--predictions", run.toString(), "--decline-threshold", "half"))
                .isEqualTo(2);
        assertThat(stderr()).contains("batch: flag --decline-threshold needs a number, got 'half'");
        assertThat(run.resolve(".dashboard")).doesNotExist();
    }

    /** The test split through the explainer, multi-record requests, with any extra flags. */
    private int transformMultiRecord(TestExplainer explainer, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "transform",
                "--backend",
                "local",
                "--endpoint",
                explainer.baseUrl().toString(),
                "--input",
                TestModel.prepared().resolve("data_test/part-00000.json").toString(),
                "--output",
                temp.resolve("out").toString(),
                "--split-type",
                "Line",
                "--batch-strategy",
                "MultiRecord"));
        args.addAll(List.of(extra));
        return execute(args.toArray(String[]::new));
    }
}
