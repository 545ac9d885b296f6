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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The packaged Lambda jar deployed to LocalStack's Lambda (Java 17 runtime, the handler and settings the CDK app
 * gives it) and invoked like the real service invokes it: the datasets it writes to LocalStack's S3 equal a
 * local run's byte for byte. LocalStack runs the function in a container of its own, so it needs the Docker
 * socket; the test runs only where a container engine holds the LocalStack image (skipped on machines without a registry to pull it). The handler itself is
 * covered without Docker by {@link DatagenHandlerTests} against S3Mock.
 */
@Testcontainers
@EnabledIf(
        value = "com.example.credit.testsupport.container.LocalStackImage#present",
        disabledReason = "needs a container engine holding " + LocalStackImage.NAME + " (no registry here to pull it)")
class LocalStackLambdaIT {

    private static final String BUCKET = "credit-lambda";
    private static final String FUNCTION = "credit-datagen";

    @Container
    static final LocalStackContainer LOCALSTACK = LocalStackImage.container("s3", "lambda");

    @TempDir
    Path temp;

    @Test
    void thePackagedFunctionWritesTheStatlogDatasetsLikeALocalRun() throws IOException {
        Path jar = Path.of(System.getProperty("datagen.lambda.jar"));
        assertThat(jar).as("the shaded Lambda jar (mvn package)").exists();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()));
        Region region = Region.of(LOCALSTACK.getRegion());
        try (S3Client s3 = S3Client.builder()
                        .endpointOverride(LOCALSTACK.getEndpoint())
                        .forcePathStyle(true)
                        .credentialsProvider(credentials)
                        .region(region)
                        .build();
                LambdaClient lambda = LambdaClient.builder()
                        .endpointOverride(LOCALSTACK.getEndpoint())
                        .credentialsProvider(credentials)
                        .region(region)
                        .build()) {
            s3.createBucket(b -> b.bucket(BUCKET));
            byte[] jarBytes = Files.readAllBytes(jar);
            lambda.createFunction(f -> f.functionName(FUNCTION)
                    .runtime(Runtime.JAVA17)
                    .handler(DatagenHandler.class.getName() + "::handleRequest")
                    .role("arn:aws:iam::000000000000:role/credit-datagen")
                    .memorySize(1024)
                    .timeout(300)
                    // Inside LocalStack's Lambda container, LocalStack is reached by this name.
                    .environment(e -> e.variables(Map.of(
                            S3Settings.ENDPOINT_VARIABLE, "http://localhost.localstack.cloud:4566",
                            S3Settings.PATH_STYLE_VARIABLE, "true")))
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(jarBytes))));
            lambda.waiter().waitUntilFunctionActiveV2(w -> w.functionName(FUNCTION));

            InvokeResponse response = lambda.invoke(i -> i.functionName(FUNCTION)
                    .payload(SdkBytes.fromUtf8String("{\"seed\": 42, \"output\": \"s3://" + BUCKET + "/statlog\"}")));

            assertThat(response.functionError())
                    .as(response.payload().asUtf8String())
                    .isNull();
            assertThat(response.payload().asUtf8String())
                    .containsPattern("\"seed\"\\s*:\\s*42")
                    .containsPattern("\"credits\"\\s*:\\s*1000");
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
}
