package com.example.credit.batch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.batch.TestExplainer;
import com.example.credit.batch.TestModel;
import com.example.credit.batch.TransformException;
import com.example.credit.batch.job.AssembleWith;
import com.example.credit.batch.job.BatchStrategy;
import com.example.credit.batch.job.DataProcessing;
import com.example.credit.batch.job.JoinSource;
import com.example.credit.batch.job.SplitType;
import com.example.credit.batch.job.TransformJobSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LocalTransformerTests {

    private static final JsonMapper MAPPER = JsonMapper.shared();

    @TempDir
    Path temp;

    private TestExplainer explainer;

    @BeforeEach
    void startExplainer() {
        explainer = TestExplainer.start();
    }

    @AfterEach
    void stopExplainer() {
        explainer.close();
    }

    private TransformJobSpec.Builder job(Path input, Path output) {
        return TransformJobSpec.builder(input.toString(), output.toString(), "application/jsonlines")
                .splitType(SplitType.LINE)
                .assembleWith(AssembleWith.LINE);
    }

    private TransformResult run(TransformJobSpec spec) {
        return LocalTransformer.run(spec, explainer.baseUrl(), ProgressListener.NONE);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }

    private static Path dataTest() {
        return TestModel.prepared().resolve("data_test");
    }

    @Test
    void writesOneOutputFilePerInputFileWithOneLinePerRecordInInputOrder() throws IOException {
        Path output = temp.resolve("out");

        TransformResult result = run(job(dataTest(), output)
                .batchStrategy(BatchStrategy.MULTI_RECORD)
                .build());

        assertThat(result.succeeded()).isTrue();
        assertThat(result.files()).isEqualTo(2);
        assertThat(result.records()).isEqualTo(200);
        assertThat(result.errorRecords()).isZero();
        try (var files = Files.list(output)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("part-00000.json.out", "part-00001.json.out", ".batch-state");
        }
        for (String part : List.of("part-00000.json", "part-00001.json")) {
            List<String> inputs = lines(dataTest().resolve(part));
            List<String> outputs = lines(output.resolve(part + ".out"));
            assertThat(outputs).hasSameSizeAs(inputs);
            for (int i = 0; i < inputs.size(); i++) {
                JsonNode out = MAPPER.readTree(outputs.get(i));
                assertThat(out.get("prediction").asDouble())
                        .isCloseTo(explainer.predict(MAPPER.readTree(inputs.get(i))), within(1e-12));
                assertThat(out.has("explanation_shap_values")).isTrue();
            }
        }
    }

    @Test
    void packsAsManyRecordsAsFitIntoThePayloadLimit() throws IOException {
        Path file = temp.resolve("big.jsonl");
        Files.write(file, TestModel.dataLines(2000));
        long size = Files.size(file);

        TransformResult result = run(job(file, temp.resolve("out"))
                .batchStrategy(BatchStrategy.MULTI_RECORD)
                .maxPayloadInMB(1)
                .build());

        assertThat(size).isGreaterThan(1024 * 1024);
        assertThat(result.records()).isEqualTo(2000);
        assertThat(explainer.bytesPerRequest())
                .allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo(1024 * 1024));
        // Full requests: the file needs two, and one of them (they may arrive in either order) is filled to within
        // one record of the limit.
        assertThat(explainer.recordsPerRequest()).hasSize(2);
        assertThat(Collections.max(explainer.bytesPerRequest())).isGreaterThan(1024 * 1024 - 1000);
        assertThat(lines(temp.resolve("out/big.jsonl.out"))).hasSize(2000);
    }

    @Test
    void sendsJsonRecordsOfAMultiRecordRequestAsOneArray() throws IOException {
        Path output = temp.resolve("out");

        run(TransformJobSpec.builder(
                        dataTest().resolve("part-00000.json").toString(), output.toString(), "application/json")
                .splitType(SplitType.LINE)
                .assembleWith(AssembleWith.LINE)
                .batchStrategy(BatchStrategy.MULTI_RECORD)
                .maxPayloadInMB(1)
                .build());

        assertThat(explainer.recordsPerRequest()).containsExactly(100);
        List<String> inputs = lines(dataTest().resolve("part-00000.json"));
        List<String> outputs = lines(output.resolve("part-00000.json.out"));
        assertThat(outputs).hasSize(100);
        assertThat(MAPPER.readTree(outputs.get(99)).get("prediction").asDouble())
                .isCloseTo(explainer.predict(MAPPER.readTree(inputs.get(99))), within(1e-12));
    }

    @Test
    void sendsOneRecordPerRequestWithSingleRecord() {
        run(job(dataTest().resolve("part-00000.json"), temp.resolve("out"))
                .batchStrategy(BatchStrategy.SINGLE_RECORD)
                .build());

        assertThat(explainer.recordsPerRequest()).hasSize(100).containsOnly(1);
    }

    @Test
    void takesTheBatchStrategyFromTheExplainerWhenTheJobLeavesItOpen() {
        explainer.executionParameters(
                "{\"MaxConcurrentTransforms\":1,\"BatchStrategy\":\"MultiRecord\",\"MaxPayloadInMB\":6}");

        run(job(dataTest().resolve("part-00000.json"), temp.resolve("out")).build());

        assertThat(explainer.recordsPerRequest()).containsExactly(100);
    }

    @Test
    void fallsBackToSageMakerDefaultsWithoutExecutionParameters() {
        explainer.executionParameters(null);

        run(job(dataTest().resolve("part-00000.json"), temp.resolve("out")).build());

        assertThat(explainer.recordsPerRequest()).hasSize(100).containsOnly(1);
    }

    @Test
    void sendsAWholeFileAsOneRecordWithSplitTypeNoneAndStillWritesOneLinePerInputLine() throws IOException {
        Path output = temp.resolve("out");

        run(TransformJobSpec.builder(
                        dataTest().resolve("part-00001.json").toString(), output.toString(), "application/jsonlines")
                .assembleWith(AssembleWith.LINE)
                .batchStrategy(BatchStrategy.SINGLE_RECORD)
                .build());

        assertThat(explainer.recordsPerRequest()).containsExactly(100);
        assertThat(lines(output.resolve("part-00001.json.out"))).hasSize(100);
    }

    @Test
    void givesAWholeJsonDocumentOneOutputLinePerResult() throws IOException {
        Path input = temp.resolve("applications.json");
        List<String> rows = lines(dataTest().resolve("part-00000.json")).subList(0, 3);
        Files.writeString(input, "[\n  " + String.join(",\n  ", rows) + "\n]\n");
        Path output = temp.resolve("out");

        run(TransformJobSpec.builder(input.toString(), output.toString(), "application/json")
                .assembleWith(AssembleWith.LINE)
                .build());

        List<String> outputs = lines(output.resolve("applications.json.out"));
        assertThat(outputs).hasSize(3);
        assertThat(MAPPER.readTree(outputs.get(2)).get("prediction").asDouble())
                .isCloseTo(explainer.predict(MAPPER.readTree(rows.get(2))), within(1e-12));
    }

    @Test
    void keepsInputOrderWhileRequestsRunInParallel() throws IOException {
        explainer.holdUntilConcurrent(2);
        Path output = temp.resolve("out");

        run(job(dataTest().resolve("part-00000.json"), output)
                .batchStrategy(BatchStrategy.SINGLE_RECORD)
                .maxConcurrentTransforms(2)
                .build());

        assertThat(explainer.maxInFlight()).isEqualTo(2);
        List<String> inputs = lines(dataTest().resolve("part-00000.json"));
        List<String> outputs = lines(output.resolve("part-00000.json.out"));
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(MAPPER.readTree(outputs.get(i)).get("prediction").asDouble())
                    .isCloseTo(explainer.predict(MAPPER.readTree(inputs.get(i))), within(1e-12));
        }
    }

    @Test
    void writesAnErrorLineInPlaceOfARecordTheExplainerRejects() throws IOException {
        Path input = temp.resolve("in.jsonl");
        List<String> rows =
                new ArrayList<>(lines(dataTest().resolve("part-00000.json")).subList(0, 5));
        rows.set(2, rows.get(2).replaceFirst("\"credit__purpose\":\"[a-z_-]+\"", "\"credit__purpose\":\"yacht\""));
        rows.set(3, "{not json");
        Files.write(input, rows);
        Path output = temp.resolve("out");

        TransformResult result =
                run(job(input, output).batchStrategy(BatchStrategy.MULTI_RECORD).build());

        List<String> outputs = lines(output.resolve("in.jsonl.out"));
        assertThat(outputs).hasSize(5);
        assertThat(result.errorRecords()).isEqualTo(2);
        // Lines 1, 2, 3, 5 go out together and fail; halving isolates line 3: [1, 2] and [5] succeed.
        assertThat(explainer.recordsPerRequest()).containsExactly(2, 1);
        JsonNode rejected = MAPPER.readTree(outputs.get(2)).get("error");
        assertThat(rejected.get("status").asInt()).isEqualTo(400);
        assertThat(rejected.get("title").asString()).isEqualTo("Invalid application");
        assertThat(rejected.get("detail").asString())
                .contains("credit__purpose")
                .contains("yacht");
        assertThat(rejected.get("line").asInt()).isEqualTo(3);
        JsonNode malformed = MAPPER.readTree(outputs.get(3)).get("error");
        assertThat(malformed.get("title").asString()).isEqualTo("Malformed record");
        assertThat(malformed.get("detail").asString()).startsWith("line 4 is not valid JSON");
        for (int i : new int[] {0, 1, 4}) {
            assertThat(MAPPER.readTree(outputs.get(i)).get("prediction").asDouble())
                    .isCloseTo(explainer.predict(MAPPER.readTree(rows.get(i))), within(1e-12));
        }
    }

    @Test
    void passesTheExplanationOptionsOfItsContentTypeToTheExplainerWithEveryRequest() throws IOException {
        String contentType =
                "application/jsonlines;entities=prediction;explanation_method=interventional;" + "reference=approved";

        run(TransformJobSpec.builder(
                        dataTest().resolve("part-00000.json").toString(),
                        temp.resolve("out").toString(),
                        contentType)
                .splitType(SplitType.LINE)
                .assembleWith(AssembleWith.LINE)
                .batchStrategy(BatchStrategy.SINGLE_RECORD)
                .build());

        assertThat(explainer.contentTypes())
                .hasSize(lines(dataTest().resolve("part-00000.json")).size())
                .containsOnly(contentType);
    }

    @Test
    void joinsJsonInputsWithTheirOutputUnderSageMakerOutputAndFiltersTheJoinedRecord() throws IOException {
        Path output = temp.resolve("out");

        run(TransformJobSpec.builder(
                        dataTest().resolve("part-00000.json").toString(),
                        output.toString(),
                        "application/jsonlines;entities=prediction")
                .splitType(SplitType.LINE)
                .assembleWith(AssembleWith.LINE)
                .batchStrategy(BatchStrategy.MULTI_RECORD)
                .dataProcessing(new DataProcessing("$", "$['row_id','SageMakerOutput']", JoinSource.INPUT))
                .build());

        List<String> inputs = lines(dataTest().resolve("part-00000.json"));
        List<String> outputs = lines(output.resolve("part-00000.json.out"));
        JsonNode first = MAPPER.readTree(outputs.get(0));
        assertThat(first.propertyNames()).containsExactly("row_id", "SageMakerOutput");
        assertThat(first.get("row_id").asString())
                .isEqualTo(MAPPER.readTree(inputs.get(0)).get("row_id").asString());
        assertThat(first.get("SageMakerOutput").propertyNames()).containsExactly("prediction");
    }

    @Test
    void filtersCsvColumnsBeforeSendingAndAppendsTheOutputColumnsToTheInputColumns() throws IOException {
        Path input = temp.resolve("in.csv");
        List<String> rows = new ArrayList<>();
        List<String> jsonRows = lines(dataTest().resolve("part-00000.json")).subList(0, 4);
        for (String json : jsonRows) {
            JsonNode node = MAPPER.readTree(json);
            List<String> cells = new ArrayList<>();
            cells.add(node.get("row_id").asString());
            node.properties().stream()
                    .filter(entry -> !entry.getKey().equals("row_id"))
                    .forEach(entry -> cells.add(entry.getValue().asString()));
            rows.add(String.join(",", cells));
        }
        Files.write(input, rows);
        Path output = temp.resolve("out");

        run(TransformJobSpec.builder(input.toString(), output.toString(), "text/csv;entities=prediction")
                .splitType(SplitType.LINE)
                .assembleWith(AssembleWith.LINE)
                .batchStrategy(BatchStrategy.MULTI_RECORD)
                .dataProcessing(new DataProcessing("$[1:]", "$[0,-1]", JoinSource.INPUT))
                .build());

        List<String> outputs = lines(output.resolve("in.csv.out"));
        assertThat(outputs).hasSize(4);
        for (int i = 0; i < 4; i++) {
            String[] cells = outputs.get(i).split(",");
            assertThat(cells).hasSize(2);
            assertThat(cells[0]).isEqualTo(rows.get(i).split(",")[0]);
            assertThat(Double.parseDouble(cells[1]))
                    .isCloseTo(explainer.predict(MAPPER.readTree(jsonRows.get(i))), within(1e-12));
        }
    }

    @Test
    void concatenatesOutputsWithoutSeparatorsWhenAssembleWithIsNone() throws IOException {
        Path output = temp.resolve("out");

        run(job(dataTest().resolve("part-00000.json"), output)
                .assembleWith(AssembleWith.NONE)
                .dataProcessing(new DataProcessing("$", "$.prediction", JoinSource.NONE))
                .build());

        // The same job with a line per record gives the records' outputs one by one (a split of the concatenated
        // text cannot: a small probability is written 9.6E-4, not 0.00096).
        Path lines = temp.resolve("lines");
        run(job(dataTest().resolve("part-00000.json"), lines)
                .dataProcessing(new DataProcessing("$", "$.prediction", JoinSource.NONE))
                .build());
        List<String> each = lines(lines.resolve("part-00000.json.out"));
        String text = Files.readString(output.resolve("part-00000.json.out"));
        assertThat(text).doesNotContain("\n");
        assertThat(each).hasSize(100).allSatisfy(value -> assertThat(Double.parseDouble(value))
                .isBetween(0.0, 1.0));
        assertThat(text).isEqualTo(String.join("", each));
    }

    @Test
    void resumesAnInterruptedRunWithoutRedoingFinishedFiles() throws IOException {
        Path input = temp.resolve("in");
        for (int part = 0; part < 3; part++) {
            Files.createDirectories(input);
            Files.write(
                    input.resolve("part-" + part + ".jsonl"),
                    lines(dataTest().resolve("part-00000.json")).subList(part * 10, part * 10 + 10));
        }
        Path output = temp.resolve("out");
        TransformJobSpec spec =
                job(input, output).batchStrategy(BatchStrategy.SINGLE_RECORD).build();
        explainer.failAfter(15);

        TransformResult interrupted = run(spec);

        assertThat(interrupted.succeeded()).isFalse();
        assertThat(interrupted.filesDone()).isEqualTo(1);
        assertThat(interrupted.failures())
                .extracting(TransformResult.FileFailure::relativePath)
                .containsExactly("part-1.jsonl", "part-2.jsonl");
        assertThat(interrupted.failures().get(0).reason()).contains("503");
        assertThat(output.resolve("part-1.jsonl.out")).doesNotExist();
        try (var leftovers = Files.list(output)) {
            assertThat(leftovers.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.endsWith(".partial"));
        }
        Path finished = output.resolve("part-0.jsonl.out");
        Files.setLastModifiedTime(finished, FileTime.fromMillis(0));
        String finishedText = Files.readString(finished);

        explainer.close();
        explainer = TestExplainer.start();
        TransformResult resumed = run(spec);

        assertThat(resumed.succeeded()).isTrue();
        assertThat(resumed.filesSkipped()).isEqualTo(1);
        assertThat(resumed.filesDone()).isEqualTo(2);
        assertThat(explainer.recordsExplained()).isEqualTo(20);
        assertThat(Files.getLastModifiedTime(finished)).isEqualTo(FileTime.fromMillis(0));
        assertThat(Files.readString(finished)).isEqualTo(finishedText);
        for (int part = 0; part < 3; part++) {
            assertThat(lines(output.resolve("part-" + part + ".jsonl.out"))).hasSize(10);
        }
    }

    @Test
    void redoesAFinishedFileWhoseInputChanged() throws IOException {
        Path input = temp.resolve("in.jsonl");
        List<String> rows = lines(dataTest().resolve("part-00000.json"));
        Files.write(input, rows.subList(0, 5));
        TransformJobSpec spec = job(input, temp.resolve("out")).build();
        run(spec);
        Files.write(input, rows.subList(0, 7));

        TransformResult rerun = run(spec);

        assertThat(rerun.filesDone()).isEqualTo(1);
        assertThat(lines(temp.resolve("out/in.jsonl.out"))).hasSize(7);
    }

    @Test
    void reportsProgressAtLeastOnceAtTheEnd() {
        List<Progress> reports = new ArrayList<>();

        LocalTransformer.run(job(dataTest(), temp.resolve("out")).build(), explainer.baseUrl(), reports::add);

        assertThat(reports).isNotEmpty();
        Progress last = reports.get(reports.size() - 1);
        assertThat(last.recordsDone()).isEqualTo(200);
        assertThat(last.recordsTotal()).isEqualTo(200);
        assertThat(last.describe()).startsWith("200/200 records (100.0%)");
    }

    @Test
    void rejectsAnS3InputForTheLocalBackEnd() {
        TransformJobSpec spec = TransformJobSpec.builder("s3://bucket/in", temp.toString(), "application/jsonlines")
                .build();

        assertThatThrownBy(() -> run(spec))
                .isInstanceOf(TransformException.class)
                .hasMessageStartingWith("TransformInput.DataSource=s3://bucket/in is an S3 location");
    }

    @Test
    void rejectsAnOutputFolderInsideTheInputFolder() {
        TransformJobSpec spec = job(temp, temp.resolve("out")).build();

        assertThatThrownBy(() -> run(spec))
                .isInstanceOf(TransformException.class)
                .hasMessageContaining("lies inside input");
    }
}
