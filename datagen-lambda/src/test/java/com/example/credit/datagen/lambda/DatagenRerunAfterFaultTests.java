package com.example.credit.datagen.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.example.credit.datagen.OutputException;
import com.example.credit.datagen.output.DatasetLayout;
import com.example.credit.datagen.output.S3Settings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3-compatible store failing at each step of a datagen run (a part upload, the completion of a file, the
 * manifest): the failed run leaves no object and no pending upload under its prefix, and rerunning the same
 * event (no overwrite flag: the prefix must really be empty) completes with the same bytes as an undisturbed
 * run of the same seed.
 */
class DatagenRerunAfterFaultTests {

    private static final String BUCKET = "datagen-faults";

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

    /** The undisturbed run's prefix, once it is written (the store outlives each test). */
    private static String referencePrefix;

    private final List<S3Client> clients = new ArrayList<>();
    private final RecordingContext context = new RecordingContext();

    @AfterEach
    void closeClients() {
        clients.forEach(S3Client::close);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "UploadPart %s/people/people.jsonl",
                "CompleteMultipartUpload %s/credits/credits.csv",
                "CompleteMultipartUpload %s/contacts/contacts.csv",
                "PutObject %s/_SUCCESS"
            })
    void aRerunAfterAStoreFailureCompletesWithTheBytesOfAnUndisturbedRun(String failingCall) {
        String prefix = "run-" + Math.abs(failingCall.hashCode());
        S3CallRecorder failing = S3CallRecorder.failing(failingCall.formatted(prefix), 1);

        assertThatThrownBy(() -> handler(failing).handleRequest(event(prefix), context))
                .isInstanceOf(OutputException.class)
                .hasMessageContaining("s3://" + BUCKET + "/" + prefix);
        S3Client reader = client(S3CallRecorder.recording());
        assertThat(keysUnder(reader, prefix + "/"))
                .as("objects left by the failed run")
                .isEmpty();
        assertThat(reader.listMultipartUploads(b -> b.bucket(BUCKET).prefix(prefix + "/"))
                        .uploads())
                .as("pending uploads left by the failed run")
                .isEmpty();

        handler(S3CallRecorder.recording()).handleRequest(event(prefix), context);
        String reference = reference();

        assertThat(keysUnder(reader, prefix + "/")).hasSize(4);
        for (String file :
                List.of(DatasetLayout.CREDITS, DatasetLayout.PEOPLE, DatasetLayout.CONTACTS, DatasetLayout.SUCCESS)) {
            assertThat(object(reader, prefix + "/" + file)).as(file).isEqualTo(object(reader, reference + "/" + file));
        }
    }

    /**
     * The prefix of the undisturbed run of the same event (seed and size), made by the first test that needs it: the
     * events of all tests differ only in their output prefix, which is not in the bytes.
     */
    private String reference() {
        if (referencePrefix == null) {
            handler(S3CallRecorder.recording()).handleRequest(event("reference"), context);
            referencePrefix = "reference";
        }
        return referencePrefix;
    }

    private DatagenHandler handler(S3CallRecorder recorder) {
        return new DatagenHandler(
                Map.of(DatagenEvent.OUTPUT_VARIABLE, "s3://" + BUCKET + "/default"), client(recorder));
    }

    private S3Client client(S3CallRecorder recorder) {
        S3Settings settings =
                S3Settings.from(Map.of(S3Settings.ENDPOINT_VARIABLE, S3_MOCK.getServiceEndpoint()), Optional.empty());
        S3Client client = settings.clientBuilder(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("foo", "bar")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder))
                .build();
        clients.add(client);
        return client;
    }

    /** 20 000 applicants: people.jsonl spans several 8 MiB parts, so a part upload can fail mid-file. */
    private static Map<String, Object> event(String prefix) {
        Map<String, Object> event = new HashMap<>();
        event.put("mode", "synthetic");
        event.put("n", 20_000);
        event.put("seed", 11);
        event.put("output", "s3://" + BUCKET + "/" + prefix);
        return event;
    }

    private static List<String> keysUnder(S3Client s3, String prefix) {
        return s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    private static String object(S3Client s3, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asString(StandardCharsets.UTF_8);
    }
}
