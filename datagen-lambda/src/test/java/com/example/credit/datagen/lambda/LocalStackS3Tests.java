package com.example.credit.datagen.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.datagen.Datagen;
import com.example.credit.datagen.generate.GenerationRequest;
import com.example.credit.datagen.generate.Mode;
import com.example.credit.datagen.output.DatasetLayout;
import com.example.credit.datagen.output.LocalDatasetTarget;
import com.example.credit.datagen.output.S3Settings;
import com.example.credit.testsupport.container.LocalStackImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The datagen handler against LocalStack's S3 (a second, independent S3 implementation beside S3Mock): the
 * datasets arrive byte for byte as a local run writes them, the manifest last, and a failed upload leaves
 * nothing behind. Runs only where a container engine holds the LocalStack image (skipped where no registry can provide it); everything here is
 * also covered against S3Mock by {@link DatagenHandlerTests} and {@link DatagenRerunAfterFaultTests}.
 */
@Testcontainers
@EnabledIf(
        value = "com.example.credit.testsupport.container.LocalStackImage#present",
        disabledReason = "needs a container engine holding " + LocalStackImage.NAME + " (no registry here to pull it)")
class LocalStackS3Tests {

    private static final String BUCKET = "credit-localstack";

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(LocalStackImage.NAME).withServices("s3");

    @TempDir
    Path temp;

    @Test
    void writesTheStatlogDatasetsToLocalStackByteForByteLikeALocalRun() throws IOException {
        try (S3Client s3 = client(S3CallRecorder.recording())) {
            s3.createBucket(b -> b.bucket(BUCKET));
            new DatagenHandler(Map.of(), s3)
                    .handleRequest(
                            Map.<String, Object>of("seed", 42, "output", "s3://" + BUCKET + "/statlog"),
                            new RecordingContext());

            Path local = temp.resolve("local");
            Datagen.run(
                    new GenerationRequest(Mode.STATLOG, 1000, 42), new LocalDatasetTarget(local, false), line -> {});
            for (String file : List.of(
                    DatasetLayout.CREDITS, DatasetLayout.PEOPLE, DatasetLayout.CONTACTS, DatasetLayout.SUCCESS)) {
                assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("statlog/" + file))
                                .asString(StandardCharsets.UTF_8))
                        .as(file)
                        .isEqualTo(Files.readString(local.resolve(file)));
            }
        }
    }

    @Test
    void leavesNothingBehindWhenAnUploadFailsHalfWay() {
        try (S3Client s3 = client(S3CallRecorder.failing("UploadPart broken/people/people.jsonl", 1))) {
            s3.createBucket(b -> b.bucket(BUCKET + "-faults"));
            DatagenHandler handler = new DatagenHandler(Map.of(), s3);
            Map<String, Object> event = Map.<String, Object>of(
                    "mode", "synthetic", "n", 20_000, "seed", 3, "output", "s3://" + BUCKET + "-faults/broken");

            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> handler.handleRequest(event, new RecordingContext()))
                    .isInstanceOf(com.example.credit.datagen.OutputException.class);

            assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET + "-faults").prefix("broken/"))
                            .contents())
                    .isEmpty();
            assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET + "-faults").prefix("broken/"))
                            .uploads())
                    .isEmpty();
        }
    }

    private static S3Client client(S3CallRecorder recorder) {
        S3Settings settings = S3Settings.from(
                Map.of(
                        S3Settings.ENDPOINT_VARIABLE,
                        LOCALSTACK.getEndpoint().toString(),
                        "AWS_REGION",
                        LOCALSTACK.getRegion()),
                Optional.empty());
        return settings.clientBuilder(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder))
                .build();
    }
}
