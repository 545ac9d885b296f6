package com.example.credit.pipeline.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.datagen.generate.GenerationRequest;
import com.example.credit.datagen.generate.Mode;
import com.example.credit.datagen.lambda.DatagenHandler;
import com.example.credit.datagen.output.S3Settings;
import com.example.credit.pipeline.PipelineOptions;
import com.example.credit.pipeline.Stages;
import com.example.credit.testsupport.aws.AwsStandIn;
import com.example.credit.testsupport.container.LocalStackImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * The generate stage of {@code --target aws} against LocalStack's Lambda and S3: the packaged datagen function
 * deployed as the CDK app deploys it and invoked by the AWS target's own code ({@link LambdaGenerate}), which then
 * reads the {@code _SUCCESS} manifest from LocalStack's S3. CloudFormation and ECR answer from the wire-protocol
 * stand-in. Runs where a container engine holds LocalStack's image (skipped here, where no registry can provide it);
 * the same stage runs without LocalStack in {@link AwsTargetTests}.
 */
@Testcontainers
@EnabledIf(
        value = "com.example.credit.testsupport.container.LocalStackImage#present",
        disabledReason = "needs a container engine holding " + LocalStackImage.NAME + " (no registry here to pull it)")
class LocalStackGenerateContainerIT {

    private static final String BUCKET = "credit-data";

    @Container
    static final LocalStackContainer LOCALSTACK = LocalStackImage.container("s3", "lambda");

    @TempDir
    Path temp;

    @Test
    void invokesThePackagedFunctionAndReadsTheManifestItWrote() throws Exception {
        Path jar = Path.of(System.getProperty("pipeline.datagen.lambda.jar"));
        assertThat(jar)
                .as("the shaded Lambda jar of datagen-lambda (mvn package)")
                .exists();
        try (AwsStandIn aws = AwsStandIn.start()) {
            aws.stack("CreditData", Map.of("DataBucketName", BUCKET, "DatagenFunctionName", "credit-datagen"))
                    .stack("CreditEtl", Map.of("EtlJobName", AwsWorld.GLUE_JOB))
                    .stack(
                            "CreditModel",
                            Map.of(
                                    "TrainingRepositoryUri", AwsWorld.TRAINING_REPOSITORY,
                                    "ExplainerRepositoryUri", AwsWorld.EXPLAINER_REPOSITORY,
                                    "SageMakerRoleArn", AwsWorld.ROLE))
                    .image("creditmodel-training", "latest", AwsWorld.TRAINING_DIGEST)
                    .image("creditmodel-explainer", "latest", AwsWorld.EXPLAINER_DIGEST);
            AwsClients clients = AwsClients.create(
                    Optional.of(LOCALSTACK.getRegion()),
                    StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())),
                    Map.of(
                            "cloudformation", aws.endpoint(),
                            "ecr", aws.endpoint(),
                            "lambda", LOCALSTACK.getEndpoint(),
                            "s3", LOCALSTACK.getEndpoint()));
            clients.s3().createBucket(request -> request.bucket(BUCKET));
            byte[] code = Files.readAllBytes(jar);
            clients.lambda().createFunction(function -> function.functionName("credit-datagen")
                    .runtime(Runtime.JAVA17)
                    .handler(DatagenHandler.class.getName() + "::handleRequest")
                    .role("arn:aws:iam::000000000000:role/credit-datagen")
                    .memorySize(1024)
                    .timeout(300)
                    .environment(environment -> environment.variables(Map.of(
                            S3Settings.ENDPOINT_VARIABLE, "http://localhost.localstack.cloud:4566",
                            S3Settings.PATH_STYLE_VARIABLE, "true")))
                    .code(source -> source.zipFile(SdkBytes.fromByteArray(code))));
            clients.lambda().waiter().waitUntilFunctionActiveV2(wait -> wait.functionName("credit-datagen"));

            PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            PipelineOptions options = AwsWorld.options(
                    temp,
                    OptionalLong.empty(),
                    new AwsOptions(
                            "Credit",
                            Optional.of(LOCALSTACK.getRegion()),
                            Optional.empty(),
                            false,
                            "credit-explainer",
                            "latest",
                            "ml.m5.large"));
            List<String> progress = new ArrayList<>();
            try (AwsStages stages = AwsStages.open(
                    options,
                    out,
                    clients,
                    AwsWorld.poller(Clock.systemUTC(), AwsWorld.shortSleeps()),
                    Clock.systemUTC(),
                    true)) {
                Stages.Generated generated =
                        stages.generate(GenerationRequest.of(Mode.STATLOG, OptionalLong.empty(), 42), progress::add);

                assertThat(generated.applicants()).isEqualTo(1000);
                assertThat(generated.location()).isEqualTo("s3://" + BUCKET + "/raw/" + stages.runId() + "/");
                assertThat(clients.s3()
                                .getObjectAsBytes(request ->
                                        request.bucket(BUCKET).key("raw/" + stages.runId() + "/credits/credits.csv"))
                                .asUtf8String()
                                .lines()
                                .count())
                        .isEqualTo(1001);
            }
            assertThat(progress).anyMatch(line -> line.startsWith("the function answered: "));
        }
    }
}
