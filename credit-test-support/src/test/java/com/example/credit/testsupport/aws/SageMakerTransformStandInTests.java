package com.example.credit.testsupport.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AssemblyType;
import software.amazon.awssdk.services.sagemaker.model.CreateTransformJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobResponse;
import software.amazon.awssdk.services.sagemaker.model.S3DataType;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SplitType;
import software.amazon.awssdk.services.sagemaker.model.TransformInstanceType;
import software.amazon.awssdk.services.sagemaker.model.TransformJobStatus;

/** SageMaker batch transform jobs over awsJson1_1, through the SDK's own client. */
class SageMakerTransformStandInTests {

    private final AwsStandIn aws = AwsStandIn.start();
    private final SageMakerClient sageMaker = Clients.of(aws, SageMakerClient.builder());

    @BeforeEach
    void model() {
        sageMaker.createModel(request -> request.modelName("credit-model-1")
                .executionRoleArn("arn:aws:iam::123456789012:role/credit-serving")
                .primaryContainer(container -> container
                        .image("credit-explainer:1")
                        .modelDataUrl("s3://credit-bucket/models/credit-train-1/output/model.tar.gz")));
    }

    @AfterEach
    void close() {
        sageMaker.close();
        aws.close();
    }

    private static CreateTransformJobRequest transformJob(String model) {
        return CreateTransformJobRequest.builder()
                .transformJobName("credit-batch-1")
                .modelName(model)
                .transformInput(input -> input.contentType("application/jsonlines")
                        .splitType(SplitType.LINE)
                        .dataSource(source -> source.s3DataSource(s3 ->
                                s3.s3DataType(S3DataType.S3_PREFIX).s3Uri("s3://credit-bucket/prepared/data_test/"))))
                .transformOutput(output -> output.s3OutputPath("s3://credit-bucket/batch/")
                        .accept("application/jsonlines")
                        .assembleWith(AssemblyType.LINE))
                .transformResources(resources -> resources
                        .instanceType(TransformInstanceType.ML_M5_LARGE)
                        .instanceCount(1))
                .build();
    }

    private DescribeTransformJobResponse describe() {
        return sageMaker.describeTransformJob(request -> request.transformJobName("credit-batch-1"));
    }

    @Test
    void runsTheExecutorWithTheJobAndItsModelAndCompletesOnlyAfterIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<TransformJob> received = new CopyOnWriteArrayList<>();
        aws.transform(job -> {
            received.add(job);
            release.await(5, TimeUnit.SECONDS);
        });

        String arn =
                sageMaker.createTransformJob(transformJob("credit-model-1")).transformJobArn();
        assertThat(describe().transformJobStatus()).isEqualTo(TransformJobStatus.IN_PROGRESS);
        assertThat(describe().transformJobStatus()).isEqualTo(TransformJobStatus.IN_PROGRESS);
        release.countDown();
        aws.awaitIdle(Duration.ofSeconds(5));
        DescribeTransformJobResponse completed = describe();

        assertThat(arn).isEqualTo("arn:aws:sagemaker:eu-west-1:123456789012:transform-job/credit-batch-1");
        assertThat(completed.transformJobStatus()).isEqualTo(TransformJobStatus.COMPLETED);
        assertThat(completed.transformEndTime()).isAfterOrEqualTo(completed.transformStartTime());
        assertThat(completed.modelName()).isEqualTo("credit-model-1");
        assertThat(completed.transformOutput().s3OutputPath()).isEqualTo("s3://credit-bucket/batch/");
        TransformJob job = received.get(0);
        assertThat(job.name()).isEqualTo("credit-batch-1");
        assertThat(job.modelName()).isEqualTo("credit-model-1");
        assertThat(job.model().image()).isEqualTo("credit-explainer:1");
        assertThat(job.model().modelDataUrl())
                .isEqualTo("s3://credit-bucket/models/credit-train-1/output/model.tar.gz");
        assertThat(job.inputS3Uri()).isEqualTo("s3://credit-bucket/prepared/data_test/");
        assertThat(job.outputS3Path()).isEqualTo("s3://credit-bucket/batch/");
        assertThat(job.contentType()).isEqualTo("application/jsonlines");
        assertThat(job.splitType()).isEqualTo("Line");
        assertThat(job.accept()).isEqualTo("application/jsonlines");
        assertThat(job.assembleWith()).isEqualTo("Line");
    }

    @Test
    void failsAJobWhoseExecutorThrowsWithTheMessageAsFailureReason() {
        aws.transform(job -> {
            throw new IllegalStateException("the explainer answered 500 for line 3");
        });
        sageMaker.createTransformJob(transformJob("credit-model-1"));

        List<String> statuses = Clients.pollUntil(
                this::describe, DescribeTransformJobResponse::transformJobStatusAsString, "Completed", "Failed");

        assertThat(Clients.distinct(statuses)).containsExactly("InProgress", "Failed");
        assertThat(describe().failureReason()).isEqualTo("the explainer answered 500 for line 3");
    }

    @Test
    void stopsARunningJobThroughStoppingToStopped() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        aws.transform(job -> {
            started.countDown();
            Thread.sleep(10_000);
        });
        sageMaker.createTransformJob(transformJob("credit-model-1"));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        sageMaker.stopTransformJob(request -> request.transformJobName("credit-batch-1"));

        assertThat(describe().transformJobStatus()).isEqualTo(TransformJobStatus.STOPPING);
        aws.awaitIdle(Duration.ofSeconds(5));
        assertThat(describe().transformJobStatus()).isEqualTo(TransformJobStatus.STOPPED);
    }

    @Test
    void refusesAJobWhoseModelDoesNotExist() {
        SageMakerException error = catchThrowableOfType(
                SageMakerException.class, () -> sageMaker.createTransformJob(transformJob("no-such-model")));

        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(error.awsErrorDetails().errorMessage())
                .isEqualTo("Could not find model \"arn:aws:sagemaker:eu-west-1:123456789012:model/no-such-model\".");
    }
}
