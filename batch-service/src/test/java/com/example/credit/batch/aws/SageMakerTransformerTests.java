package com.example.credit.batch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.batch.InvalidJobSpecException;
import com.example.credit.batch.TransformException;
import com.example.credit.batch.TransformJobFailedException;
import com.example.credit.batch.job.AssembleWith;
import com.example.credit.batch.job.BatchStrategy;
import com.example.credit.batch.job.DataProcessing;
import com.example.credit.batch.job.JoinSource;
import com.example.credit.batch.job.SplitType;
import com.example.credit.batch.job.TransformJobSpec;
import com.example.credit.batch.job.TransformResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SageMakerTransformerTests {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret"));

    @TempDir
    Path temp;

    private SageMakerProtocolServer aws;
    private SageMakerClient sageMaker;
    private S3Client s3;
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        aws = new SageMakerProtocolServer("out-bucket");
        sageMaker = SageMakerClient.builder()
                .endpointOverride(aws.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> config.retryStrategy(RetryMode.STANDARD))
                .build();
        s3 = S3Client.builder()
                .endpointOverride(aws.endpoint())
                .region(Region.EU_WEST_1)
                .forcePathStyle(true)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stopServer() {
        sageMaker.close();
        s3.close();
        aws.close();
    }

    private SageMakerTransformer transformer() {
        return new SageMakerTransformer(
                sageMaker,
                s3,
                new PollingPolicy(Duration.ofSeconds(1), Duration.ofSeconds(3), 2, Duration.ofHours(1)),
                sleeps::add,
                Clock.fixed(Instant.parse("2026-11-25T14:00:00Z"), ZoneOffset.UTC),
                log::add);
    }

    private static TransformJobSpec fullSpec() {
        return TransformJobSpec.builder(
                        "s3://in-bucket/prepared/data_test/", "s3://out-bucket/batch/", "application/jsonlines")
                .jobName("credit-batch-1")
                .modelName("credit-model")
                .splitType(SplitType.LINE)
                .batchStrategy(BatchStrategy.MULTI_RECORD)
                .maxPayloadInMB(5)
                .maxConcurrentTransforms(4)
                .assembleWith(AssembleWith.LINE)
                .accept("application/jsonlines")
                .dataProcessing(new DataProcessing("$", "$['row_id','SageMakerOutput']", JoinSource.INPUT))
                .resources(new TransformResources("ml.m5.xlarge", 2))
                .environment(Map.of("EXPLAINER_REASON_COUNT", "3"))
                .build();
    }

    @Test
    void sendsEveryOptionOfTheJobInTheCreateTransformJobRequest() {
        aws.statuses("Completed");

        transformer().run(fullSpec(), null);

        assertThat(aws.targets().get(0)).isEqualTo("SageMaker.CreateTransformJob");
        JsonNode expected = JsonMapper.shared().readTree("""
                {"TransformJobName":"credit-batch-1","ModelName":"credit-model","MaxConcurrentTransforms":4,
                 "MaxPayloadInMB":5,"BatchStrategy":"MultiRecord","Environment":{"EXPLAINER_REASON_COUNT":"3"},
                 "TransformInput":{"DataSource":{"S3DataSource":{"S3DataType":"S3Prefix",
                   "S3Uri":"s3://in-bucket/prepared/data_test/"}},"ContentType":"application/jsonlines",
                   "CompressionType":"None","SplitType":"Line"},
                 "TransformOutput":{"S3OutputPath":"s3://out-bucket/batch/","Accept":"application/jsonlines",
                   "AssembleWith":"Line"},
                 "TransformResources":{"InstanceType":"ml.m5.xlarge","InstanceCount":2},
                 "DataProcessing":{"InputFilter":"$","OutputFilter":"$['row_id','SageMakerOutput']",
                   "JoinSource":"Input"}}""");
        assertThat(aws.bodies().get(0)).isEqualTo(expected);
    }

    @Test
    void sendsTheExplanationOptionsOfTheContentTypeToSageMakerUnchanged() {
        aws.statuses("Completed");
        String contentType = "application/jsonlines;explanation_method=interventional;reference=approved";
        TransformJobSpec spec = TransformJobSpec.builder("s3://in/x.jsonl", "s3://out-bucket/o", contentType)
                .modelName("credit-model")
                .build();

        transformer().run(spec, null);

        assertThat(aws.bodies().get(0).get("TransformInput").get("ContentType").asString())
                .isEqualTo(contentType);
    }

    @Test
    void leavesUnsetOptionsToTheContainerAndNamesTheJobAfterModelAndTime() {
        aws.statuses("Completed");
        TransformJobSpec spec = TransformJobSpec.builder("s3://in/x.jsonl", "s3://out-bucket/o", "text/csv")
                .modelName("credit-model")
                .build();

        AwsTransformResult result = transformer().run(spec, null);

        JsonNode request = aws.bodies().get(0);
        assertThat(result.jobName()).isEqualTo("credit-model-20261125-140000");
        assertThat(request.get("TransformJobName").asString()).isEqualTo("credit-model-20261125-140000");
        assertThat(request.has("BatchStrategy")).isFalse();
        assertThat(request.has("MaxPayloadInMB")).isFalse();
        assertThat(request.has("MaxConcurrentTransforms")).isFalse();
        assertThat(request.has("Environment")).isFalse();
        assertThat(request.at("/TransformInput/SplitType").asString()).isEqualTo("None");
        assertThat(request.at("/TransformOutput/AssembleWith").asString()).isEqualTo("None");
    }

    @Test
    void pollsWithAGrowingPauseAndPrintsEachStatusChange() {
        aws.statuses("InProgress", "InProgress", "InProgress", "InProgress", "InProgress", "Completed");

        AwsTransformResult result = transformer().run(fullSpec(), null);

        assertThat(result.polls()).isEqualTo(6);
        assertThat(sleeps)
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(3));
        assertThat(result.statusChanges()).containsExactly("InProgress", "Completed");
        assertThat(log)
                .containsExactly(
                        "transform job credit-batch-1 created: arn:aws:sagemaker:eu-west-1:123456789012:transform-job/credit-batch-1",
                        "transform job credit-batch-1: InProgress",
                        "transform job credit-batch-1: InProgress -> Completed");
        assertThat(aws.targets())
                .filteredOn("SageMaker.DescribeTransformJob"::equals)
                .hasSize(6);
        assertThat(aws.bodies().get(1).get("TransformJobName").asString()).isEqualTo("credit-batch-1");
    }

    @Test
    void attachesToAnExistingJobWithoutCreatingASecondOne() throws IOException {
        aws.statuses("InProgress", "InProgress", "Completed")
                .object("batch/part-00000.json.out", "{\"prediction\":0.1}\n");

        AwsTransformResult result = transformer().attach(fullSpec(), "credit-batch-1", temp.resolve("download"));

        assertThat(aws.targets()).doesNotContain("SageMaker.CreateTransformJob");
        assertThat(result.jobArn()).isEqualTo("arn:aws:sagemaker:eu-west-1:123456789012:transform-job/credit-batch-1");
        assertThat(result.statusChanges()).containsExactly("InProgress", "Completed");
        assertThat(log.get(0))
                .isEqualTo("transform job credit-batch-1 exists"
                        + " (arn:aws:sagemaker:eu-west-1:123456789012:transform-job/credit-batch-1): waiting for it");
        assertThat(Files.readString(temp.resolve("download/part-00000.json.out")))
                .isEqualTo("{\"prediction\":0.1}\n");
    }

    @Test
    void failsWithSageMakersFailureReasonWhenTheJobFails() {
        aws.statuses("InProgress", "Failed|ClientError: line 3 of data_test/part-00000.json: 400 Invalid application");

        assertThatThrownBy(() -> transformer().run(fullSpec(), temp))
                .isInstanceOf(TransformJobFailedException.class)
                .hasMessage("transform job credit-batch-1 ended with status Failed: ClientError: line 3 of"
                        + " data_test/part-00000.json: 400 Invalid application")
                .satisfies(e ->
                        assertThat(((TransformJobFailedException) e).status()).isEqualTo("Failed"));
        assertThat(aws.s3Requests()).isEmpty();
    }

    @Test
    void treatsAStoppedJobAsAFailure() {
        aws.statuses("InProgress", "Stopping", "Stopped");

        assertThatThrownBy(() -> transformer().run(fullSpec(), null))
                .isInstanceOf(TransformJobFailedException.class)
                .hasMessage("transform job credit-batch-1 ended with status Stopped");
        assertThat(log)
                .contains(
                        "transform job credit-batch-1: InProgress -> Stopping",
                        "transform job credit-batch-1: Stopping -> Stopped");
    }

    @Test
    void reportsARejectedCreateRequestWithTheServiceMessage() {
        aws.rejectCreate("Could not find model credit-model");

        assertThatThrownBy(() -> transformer().run(fullSpec(), null))
                .isInstanceOf(TransformException.class)
                .hasMessageStartingWith("CreateTransformJob credit-batch-1 failed: Could not find model credit-model");
    }

    @Test
    void downloadsTheOutputsBelowTheOutputPrefixToTheLocalFolder() throws IOException {
        aws.statuses("Completed")
                .object("batch/part-00000.json.out", "{\"prediction\":0.1}\n")
                .object("batch/sub/part-00001.json.out", "{\"prediction\":0.2}\n")
                .object("other/ignored.out", "x");

        AwsTransformResult result = transformer().run(fullSpec(), temp.resolve("download"));

        assertThat(result.downloaded())
                .containsExactly(
                        temp.resolve("download/part-00000.json.out"), temp.resolve("download/sub/part-00001.json.out"));
        assertThat(Files.readString(temp.resolve("download/sub/part-00001.json.out")))
                .isEqualTo("{\"prediction\":0.2}\n");
        assertThat(temp.resolve("download/ignored.out")).doesNotExist();
    }

    @Test
    void rejectsAJobWithoutModelNameOrWithLocalLocations() {
        TransformJobSpec noModel =
                TransformJobSpec.builder("s3://in/x", "s3://out/y", "text/csv").build();
        TransformJobSpec localInput = TransformJobSpec.builder("/tmp/in", "s3://out/y", "text/csv")
                .modelName("m")
                .build();

        assertThatThrownBy(() -> transformer().run(noModel, null))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("ModelName=null is invalid: is required by the AWS back end");
        assertThatThrownBy(() -> transformer().run(localInput, null))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("TransformInput.DataSource='/tmp/in' is invalid: must be an S3 location s3://bucket/prefix"
                        + " for the AWS back end");
        assertThat(aws.targets()).isEmpty();
    }
}
