package com.example.credit.testsupport.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.MetricData;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.S3DataType;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatusTransition;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;
import software.amazon.awssdk.services.sagemaker.model.TrainingInstanceType;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/** SageMaker training jobs over awsJson1_1, through the SDK's own client. */
class SageMakerTrainingStandInTests {

    private static final String ROLE = "arn:aws:iam::123456789012:role/credit-training";

    private final AwsStandIn aws = AwsStandIn.start();
    private final SageMakerClient sageMaker = Clients.of(aws, SageMakerClient.builder());

    @AfterEach
    void close() {
        sageMaker.close();
        aws.close();
    }

    static CreateTrainingJobRequest trainingJob(String name) {
        return CreateTrainingJobRequest.builder()
                .trainingJobName(name)
                .algorithmSpecification(algorithm -> algorithm
                        .trainingImage("123456789012.dkr.ecr.eu-west-1.amazonaws.com/credit-training:1")
                        .trainingInputMode(TrainingInputMode.FILE))
                .roleArn(ROLE)
                .hyperParameters(Map.of("num_leaves", "31", "seed", "42"))
                .inputDataConfig(channel("data_train"), channel("label_train"))
                .outputDataConfig(output -> output.s3OutputPath("s3://credit-bucket/models/"))
                .resourceConfig(resources -> resources
                        .instanceType(TrainingInstanceType.ML_M5_LARGE)
                        .instanceCount(1)
                        .volumeSizeInGB(10))
                .stoppingCondition(stop -> stop.maxRuntimeInSeconds(3600))
                .tags(Tag.builder().key("project").value("credit").build())
                .build();
    }

    private static Channel channel(String name) {
        return Channel.builder()
                .channelName(name)
                .dataSource(source -> source.s3DataSource(
                        s3 -> s3.s3DataType(S3DataType.S3_PREFIX).s3Uri("s3://credit-bucket/prepared/" + name + "/")))
                .build();
    }

    private DescribeTrainingJobResponse describe(String name) {
        return sageMaker.describeTrainingJob(request -> request.trainingJobName(name));
    }

    @Test
    void movesOneSecondaryStatusPerDescribeAndCompletesOnlyAfterTheExecutorHasReturned() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<TrainingJob> received = new CopyOnWriteArrayList<>();
        aws.training(job -> {
            received.add(job);
            release.await(5, TimeUnit.SECONDS);
            return Map.of("validation:auc", 0.79, "validation:logloss", 0.52);
        });

        String arn = sageMaker.createTrainingJob(trainingJob("credit-train-1")).trainingJobArn();
        List<String> whileRunning = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            DescribeTrainingJobResponse running = describe("credit-train-1");
            assertThat(running.trainingJobStatus()).isEqualTo(TrainingJobStatus.IN_PROGRESS);
            whileRunning.add(running.secondaryStatusAsString());
        }
        release.countDown();
        aws.awaitIdle(Duration.ofSeconds(5));
        DescribeTrainingJobResponse uploading = describe("credit-train-1");
        DescribeTrainingJobResponse completed = describe("credit-train-1");

        assertThat(arn).isEqualTo("arn:aws:sagemaker:eu-west-1:123456789012:training-job/credit-train-1");
        assertThat(whileRunning).containsExactly("Starting", "Downloading", "Training", "Training", "Training");
        assertThat(uploading.secondaryStatusAsString()).isEqualTo("Uploading");
        assertThat(uploading.trainingJobStatus()).isEqualTo(TrainingJobStatus.IN_PROGRESS);
        assertThat(completed.trainingJobStatus()).isEqualTo(TrainingJobStatus.COMPLETED);
        assertThat(completed.secondaryStatusAsString()).isEqualTo("Completed");
        assertThat(completed.secondaryStatusTransitions())
                .extracting(SecondaryStatusTransition::statusAsString)
                .containsExactly("Starting", "Downloading", "Training", "Uploading", "Completed");
        assertThat(completed.secondaryStatusTransitions())
                .allSatisfy(transition -> assertThat(transition.endTime()).isNotNull());
        assertThat(completed.modelArtifacts().s3ModelArtifacts())
                .isEqualTo("s3://credit-bucket/models/credit-train-1/output/model.tar.gz");
        assertThat(completed.finalMetricDataList())
                .extracting(MetricData::metricName, MetricData::value)
                .containsExactly(tuple("validation:auc", 0.79f), tuple("validation:logloss", 0.52f));
        assertThat(completed.trainingJobArn()).isEqualTo(arn);
        assertThat(completed.hyperParameters()).containsEntry("num_leaves", "31");
        assertThat(completed.roleArn()).isEqualTo(ROLE);
        assertThat(completed.algorithmSpecification().trainingImage()).endsWith("credit-training:1");
        assertThat(completed.inputDataConfig())
                .extracting(Channel::channelName)
                .containsExactly("data_train", "label_train");
        assertThat(completed.trainingEndTime()).isAfterOrEqualTo(completed.trainingStartTime());
        assertThat(completed.billableTimeInSeconds()).isPositive();
        assertThat(completed.failureReason()).isNull();

        TrainingJob job = received.get(0);
        assertThat(job.name()).isEqualTo("credit-train-1");
        assertThat(job.image()).endsWith("credit-training:1");
        assertThat(job.roleArn()).isEqualTo(ROLE);
        assertThat(job.hyperParameters()).isEqualTo(Map.of("num_leaves", "31", "seed", "42"));
        assertThat(job.channels())
                .containsExactly(
                        Map.entry("data_train", "s3://credit-bucket/prepared/data_train/"),
                        Map.entry("label_train", "s3://credit-bucket/prepared/label_train/"));
        assertThat(job.modelArtifact()).isEqualTo("s3://credit-bucket/models/credit-train-1/output/model.tar.gz");
    }

    @Test
    void failsAJobWhoseExecutorThrowsWithTheMessageCutToSageMakersLimit() {
        String longReason = "AlgorithmError: " + "x".repeat(2000);
        aws.training(job -> {
            throw new IllegalStateException(longReason);
        });
        sageMaker.createTrainingJob(trainingJob("credit-train-1"));

        List<String> statuses = Clients.pollUntil(
                () -> describe("credit-train-1"),
                DescribeTrainingJobResponse::secondaryStatusAsString,
                "Completed",
                "Failed",
                "Stopped");

        assertThat(Clients.distinct(statuses)).containsExactly("Starting", "Downloading", "Training", "Failed");
        DescribeTrainingJobResponse failed = describe("credit-train-1");
        assertThat(failed.trainingJobStatus()).isEqualTo(TrainingJobStatus.FAILED);
        assertThat(failed.failureReason()).hasSize(1024).isEqualTo(longReason.substring(0, 1024));
        assertThat(failed.modelArtifacts()).isNull();
    }

    @Test
    void stopsARunningJobThroughStoppingToStopped() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        aws.training(job -> {
            started.countDown();
            Thread.sleep(10_000);
            return Map.of();
        });
        sageMaker.createTrainingJob(trainingJob("credit-train-1"));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        sageMaker.stopTrainingJob(request -> request.trainingJobName("credit-train-1"));

        assertThat(describe("credit-train-1").trainingJobStatus()).isEqualTo(TrainingJobStatus.STOPPING);
        aws.awaitIdle(Duration.ofSeconds(5));
        DescribeTrainingJobResponse stopped = describe("credit-train-1");
        assertThat(stopped.trainingJobStatus()).isEqualTo(TrainingJobStatus.STOPPED);
        assertThat(stopped.secondaryStatusAsString()).isEqualTo("Stopped");
    }

    @Test
    void refusesATakenNameWithResourceInUse() {
        aws.training(job -> Map.of());
        sageMaker.createTrainingJob(trainingJob("credit-train-1"));

        ResourceInUseException error = catchThrowableOfType(
                ResourceInUseException.class, () -> sageMaker.createTrainingJob(trainingJob("credit-train-1")));

        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ResourceInUse");
        assertThat(error.getMessage()).contains("training-job/credit-train-1");
    }

    @Test
    void answersAnUnknownJobAndMissingMembersWithValidationException() {
        SageMakerException unknown = catchThrowableOfType(SageMakerException.class, () -> describe("no-such-job"));
        SageMakerException incomplete = catchThrowableOfType(
                SageMakerException.class,
                () -> sageMaker.createTrainingJob(
                        trainingJob("credit-train-2").toBuilder().roleArn(null).build()));

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(unknown.awsErrorDetails().errorMessage()).isEqualTo("Requested resource not found.");
        assertThat(incomplete.awsErrorDetails().errorMessage())
                .isEqualTo("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void keepsTheTagsOfTheCreateForListTagsAndTheRecording() {
        aws.training(job -> Map.of());
        String arn = sageMaker.createTrainingJob(trainingJob("credit-train-1")).trainingJobArn();

        assertThat(sageMaker.listTags(request -> request.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("project").value("credit").build());
        Recorded create = aws.requests("SageMaker.CreateTrainingJob").get(0);
        assertThat(create.json().get("Tags").get(0).get("Value").asString()).isEqualTo("credit");
        assertThat(create.header("x-amz-target")).isEqualTo("SageMaker.CreateTrainingJob");
        assertThat(create.header("content-type")).isEqualTo("application/x-amz-json-1.1");
    }
}
