package com.example.credit.datagen.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.example.credit.datagen.Datagen;
import com.example.credit.datagen.InvalidRequestException;
import com.example.credit.datagen.OutputException;
import com.example.credit.datagen.generate.GenerationRequest;
import com.example.credit.datagen.generate.Mode;
import com.example.credit.datagen.output.DatasetLayout;
import com.example.credit.datagen.output.LocalDatasetTarget;
import com.example.credit.datagen.output.S3Settings;
import com.example.credit.datagen.support.RawRows;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

class DatagenHandlerTests {

    private static final String BUCKET = "datagen-test";

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3MockExtension.builder()
            .silent()
            .withInitialBuckets(BUCKET)
            .withSecureConnection(false)
            .withProperty("com.adobe.testing.s3mock.store.region", "us-east-1")
            .withProperty("com.adobe.testing.s3mock.store.max-payload-size", "10MB")
            .withProperty("com.adobe.testing.s3mock.httpPort", "0")
            .withProperty("com.adobe.testing.s3mock.vectors.httpPort", "0")
            .withProperty("com.adobe.testing.s3mock.vectors.httpsPort", "0")
            .build();

    @TempDir
    Path temp;

    private final RecordingContext context = new RecordingContext();
    private S3Client s3;

    private S3Client client(S3CallRecorder recorder) {
        S3Settings settings =
                S3Settings.from(Map.of(S3Settings.ENDPOINT_VARIABLE, S3_MOCK.getServiceEndpoint()), Optional.empty());
        s3 = settings.clientBuilder(StaticCredentialsProvider.create(AwsBasicCredentials.create("foo", "bar")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder))
                .build();
        return s3;
    }

    @AfterEach
    void closeClient() {
        if (s3 != null) {
            s3.close();
        }
    }

    private DatagenHandler handler(S3CallRecorder recorder) {
        return new DatagenHandler(
                Map.of(DatagenEvent.OUTPUT_VARIABLE, "s3://" + BUCKET + "/default"), client(recorder));
    }

    private String object(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asString(StandardCharsets.UTF_8);
    }

    private List<String> keysUnder(String prefix) {
        return s3
                .listObjectsV2(ListObjectsV2Request.builder()
                        .bucket(BUCKET)
                        .prefix(prefix)
                        .build())
                .contents()
                .stream()
                .map(S3Object::key)
                .toList();
    }

    private List<String> pendingUploadsUnder(String prefix) {
        return s3
                .listMultipartUploads(ListMultipartUploadsRequest.builder()
                        .bucket(BUCKET)
                        .prefix(prefix)
                        .build())
                .uploads()
                .stream()
                .map(MultipartUpload::key)
                .toList();
    }

    private static Map<String, Object> event(Object... keysAndValues) {
        Map<String, Object> event = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            event.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return event;
    }

    @Test
    void writesTheStatlogDatasetsToS3ByteForByteLikeALocalRun() throws Exception {
        Map<String, Object> response = handler(S3CallRecorder.recording())
                .handleRequest(event("seed", 42, "output", "s3://" + BUCKET + "/statlog"), context);

        assertThat(response)
                .containsEntry("mode", "statlog")
                .containsEntry("n", 1000L)
                .containsEntry("seed", 42L)
                .containsEntry("output", "s3://" + BUCKET + "/statlog");
        assertThat(keysUnder("statlog/"))
                .containsExactlyInAnyOrder(
                        "statlog/_SUCCESS",
                        "statlog/credits/credits.csv",
                        "statlog/people/people.jsonl",
                        "statlog/contacts/contacts.csv");
        List<Map<String, String>> credits = RawRows.csv(object("statlog/" + DatasetLayout.CREDITS));
        assertThat(credits).hasSize(1000);
        assertThat(credits.stream().filter(c -> c.get("default").equals("true")))
                .hasSize(300);

        Path local = temp.resolve("local");
        Datagen.run(new GenerationRequest(Mode.STATLOG, 1000, 42), new LocalDatasetTarget(local, false), line -> {});
        for (String file :
                List.of(DatasetLayout.CREDITS, DatasetLayout.PEOPLE, DatasetLayout.CONTACTS, DatasetLayout.SUCCESS)) {
            assertThat(object("statlog/" + file)).as(file).isEqualTo(Files.readString(local.resolve(file)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> rows = (Map<String, Object>) response.get("rows");
        JsonNode manifest = RawRows.JSON.readTree(object("statlog/_SUCCESS"));
        assertThat(rows.get("contacts"))
                .isEqualTo(manifest.get("rows").get("contacts").asLong());
        assertThat(context.lines).anySatisfy(line -> assertThat(line).contains("rows/s"));
    }

    @Test
    void writesTheManifestOnlyAfterEveryFileIsComplete() {
        S3CallRecorder recorder = S3CallRecorder.recording();
        handler(recorder)
                .handleRequest(
                        event("mode", "synthetic", "n", 500, "seed", 1, "output", "s3://" + BUCKET + "/order"),
                        context);

        List<String> calls = recorder.calls;
        int manifest = calls.indexOf("PutObject order/_SUCCESS");
        assertThat(manifest).isEqualTo(calls.size() - 1);
        assertThat(recorder.of("CompleteMultipartUpload"))
                .containsExactlyInAnyOrder(
                        "CompleteMultipartUpload order/credits/credits.csv",
                        "CompleteMultipartUpload order/people/people.jsonl",
                        "CompleteMultipartUpload order/contacts/contacts.csv");
        assertThat(recorder.of("PutObject")).containsExactly("PutObject order/_SUCCESS");
    }

    @Test
    void streamsALargeFileAsSeveralParts() {
        S3CallRecorder recorder = S3CallRecorder.recording();
        handler(recorder)
                .handleRequest(
                        event("mode", "synthetic", "n", 30_000, "seed", 2, "output", "s3://" + BUCKET + "/parts"),
                        context);

        assertThat(recorder.of("UploadPart").stream().filter(call -> call.endsWith("people/people.jsonl")))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(object("parts/" + DatasetLayout.PEOPLE).lines()).hasSize(30_000);
        assertThat(pendingUploadsUnder("parts/")).isEmpty();
    }

    @Test
    void leavesNoManifestAndNoPartsWhenAnUploadFailsHalfWay() {
        S3CallRecorder recorder = S3CallRecorder.failing("UploadPart broken/people/people.jsonl", 2);
        DatagenHandler handler = handler(recorder);

        assertThatThrownBy(() -> handler.handleRequest(
                        event("mode", "synthetic", "n", 60_000, "seed", 3, "output", "s3://" + BUCKET + "/broken"),
                        context))
                .isInstanceOf(OutputException.class)
                .hasMessageContaining("s3://" + BUCKET + "/broken")
                .hasMessageContaining("uploading part 2 of s3://" + BUCKET + "/broken/people/people.jsonl failed");

        // The failure hit while rows were still being written: no file had been completed yet.
        assertThat(recorder.of("CompleteMultipartUpload")).isEmpty();
        assertThat(recorder.of("AbortMultipartUpload")).hasSize(3);
        assertThat(keysUnder("broken/")).isEmpty();
        assertThat(pendingUploadsUnder("broken/")).isEmpty();
    }

    @Test
    void deletesFilesAlreadyCompleteWhenALaterFileFails() {
        S3CallRecorder recorder = S3CallRecorder.failing("CompleteMultipartUpload late/contacts/contacts.csv", 1);
        DatagenHandler handler = handler(recorder);

        assertThatThrownBy(() -> handler.handleRequest(
                        event("mode", "synthetic", "n", 200, "seed", 4, "output", "s3://" + BUCKET + "/late"), context))
                .isInstanceOf(OutputException.class)
                .hasMessageContaining("completing the upload of s3://" + BUCKET + "/late/contacts/contacts.csv");

        assertThat(keysUnder("late/")).isEmpty();
        assertThat(pendingUploadsUnder("late/")).isEmpty();
        assertThat(recorder.of("DeleteObject"))
                .containsExactlyInAnyOrder(
                        "DeleteObject late/credits/credits.csv", "DeleteObject late/people/people.jsonl");
    }

    @Test
    void drawsAFreshSeedWhenTheEventHasNoneAndReturnsIt() {
        DatagenHandler handler = handler(S3CallRecorder.recording());
        List<Object> seeds = IntStream.range(0, 2)
                .mapToObj(i -> handler.handleRequest(
                                event("mode", "synthetic", "n", 20, "output", "s3://" + BUCKET + "/fresh-" + i),
                                context)
                        .get("seed"))
                .toList();

        assertThat(seeds.get(0)).isNotEqualTo(seeds.get(1));
        JsonNode manifest = RawRows.JSON.readTree(object("fresh-0/_SUCCESS"));
        assertThat(manifest.get("seed").asLong()).isEqualTo(seeds.get(0));
    }

    @Test
    void fallsBackToTheOutputOfTheEnvironment() {
        Map<String, Object> response = handler(S3CallRecorder.recording())
                .handleRequest(event("mode", "synthetic", "n", 5, "seed", 9), context);
        assertThat(response).containsEntry("output", "s3://" + BUCKET + "/default");
        assertThat(keysUnder("default/")).contains("default/_SUCCESS");
    }

    @Test
    void refusesAnOccupiedPrefixUnlessAskedToOverwrite() {
        DatagenHandler handler = handler(S3CallRecorder.recording());
        Map<String, Object> first =
                event("mode", "synthetic", "n", 5, "seed", 1, "output", "s3://" + BUCKET + "/again");
        handler.handleRequest(first, context);

        assertThatThrownBy(() -> handler.handleRequest(first, context))
                .isInstanceOf(OutputException.class)
                .hasMessageContaining("s3://" + BUCKET + "/again already holds objects");

        handler.handleRequest(
                event("mode", "synthetic", "n", 7, "seed", 1, "output", "s3://" + BUCKET + "/again", "overwrite", true),
                context);
        assertThat(RawRows.csv(object("again/" + DatasetLayout.CREDITS))).hasSize(7);
    }

    @Test
    void rejectsABadEventBeforeTouchingS3() {
        S3CallRecorder recorder = S3CallRecorder.recording();
        DatagenHandler handler = handler(recorder);
        assertThatThrownBy(() -> handler.handleRequest(event("mode", "synthetic", "n", -1), context))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("n '-1' is invalid: must be a positive number of applicants");
        assertThat(recorder.calls).isEmpty();
    }

    @Test
    void reportsAMissingBucketAsAnOutputError() {
        DatagenHandler handler = handler(S3CallRecorder.recording());
        assertThatThrownBy(() -> handler.handleRequest(event("output", "s3://no-such-bucket/raw"), context))
                .isInstanceOf(OutputException.class)
                .hasMessageContaining("cannot use output s3://no-such-bucket/raw");
    }

    @Test
    void readsTheEndpointFromTheEnvironment() {
        S3Settings settings =
                S3Settings.from(Map.of(S3Settings.ENDPOINT_VARIABLE, "http://localhost:9090"), Optional.empty());
        assertThat(settings.endpoint()).contains(URI.create("http://localhost:9090"));
        assertThat(settings.pathStyle()).isTrue();
        assertThat(settings.region()).isEqualTo("us-east-1");
    }
}
