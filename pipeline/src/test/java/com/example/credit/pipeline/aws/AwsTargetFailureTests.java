package com.example.credit.pipeline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.pipeline.EmbeddedS3;
import com.example.credit.pipeline.Pipeline;
import com.example.credit.pipeline.PipelineException;
import com.example.credit.pipeline.PipelineSummary;
import com.example.credit.testsupport.aws.Recorded;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

/**
 * The AWS target's failure paths, on the loopback stand-in with quick canned jobs: a failed training job or Glue
 * run with the service's reason, throttling absorbed by the SDK's retries, an endpoint update that rolls back, a
 * resume that skips finished stages and retries the failed one, a re-attachment to a job that kept running, and the
 * errors that stop a run before anything starts.
 */
class AwsTargetFailureTests {

    private static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    static Path temp;

    static EmbeddedS3 store;

    AwsWorld world;
    CannedJobs jobs;
    Path work;
    Instant start;
    String runId;

    @BeforeAll
    static void startStore() {
        store = EmbeddedS3.start(temp.resolve("s3"));
    }

    @AfterAll
    static void stopStore() {
        store.close();
    }

    @BeforeEach
    void startWorld() {
        int run = RUNS.incrementAndGet();
        // Each test is its own run: its own id, hence its own prefixes in the shared bucket.
        start = Instant.parse("2026-12-03T11:00:00Z").plusSeconds(60L * run);
        runId = AwsStages.RUN_ID.format(start);
        work = temp.resolve("work-" + run);
        world = AwsWorld.on(store);
        jobs = new CannedJobs(store, temp.resolve("jobs-" + run));
        world.aws
                .function(AwsWorld.FUNCTION, jobs::datagen)
                .glueJob(AwsWorld.GLUE_JOB, jobs::etl)
                .training(jobs::train)
                .hosting(jobs.hosting(CannedJobs.ADDITIVE_ANSWER, model -> null));
    }

    @AfterEach
    void stopWorld() {
        jobs.close();
        world.close();
    }

    private PipelineSummary run(AwsOptions aws, Poller.Sleeper sleeper) {
        AwsStages stages = world.open(AwsWorld.options(work, OptionalLong.empty(), aws), sleeper, start);
        return new Pipeline(world.out).run(stages.options(), stages);
    }

    private PipelineSummary run() {
        return run(AwsWorld.awsOptions(Optional.empty(), false), AwsWorld.shortSleeps());
    }

    private RunRecord record() throws IOException {
        return RunRecord.parse(Files.readString(work.resolve("runs/" + runId + "/run.json")), "run.json");
    }

    @Test
    void reportsAFailedTrainingJobWithSageMakersReasonAndKeepsWhatWasDone() throws IOException {
        world.aws.training(job -> {
            throw new IllegalStateException("AlgorithmError: no valid split on 0 rows");
        });

        assertThatThrownBy(this::run)
                .isInstanceOf(PipelineException.class)
                .hasMessageStartingWith("step 3/6 (train LightGBM (SageMaker)) failed: training job credit-train-"
                        + runId + " ended Failed / Failed: AlgorithmError: no valid split on 0 rows");

        RunRecord record = record();
        assertThat(record.stage("generate").status()).isEqualTo(RunRecord.Status.SUCCEEDED);
        assertThat(record.stage("prepare").status()).isEqualTo(RunRecord.Status.SUCCEEDED);
        assertThat(record.stage("train").status()).isEqualTo(RunRecord.Status.FAILED);
        assertThat(record.stage("train").message().orElseThrow()).contains("AlgorithmError: no valid split");
        assertThat(AwsStages.stillRunning(record, AwsWorld.awsOptions(Optional.empty(), false)))
                .isEmpty();
        assertThat(world.aws.requests("SageMaker.CreateModel")).isEmpty();
    }

    @Test
    void reportsAFailedGlueRunWithGluesErrorMessage() {
        world.aws.glueJob(AwsWorld.GLUE_JOB, arguments -> {
            throw new IllegalStateException("AnalysisException: Path does not exist: " + arguments.get("--input_path"));
        });

        assertThatThrownBy(this::run)
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("Glue job credit-etl run jr_")
                .hasMessageContaining(
                        "ended FAILED: AnalysisException: Path does not exist: s3://credit-pipeline/raw/" + runId);
        assertThat(world.aws.requests("SageMaker.CreateTrainingJob")).isEmpty();
    }

    @Test
    void retriesThrottledCallsWithTheSdkAndGoesOn() throws IOException {
        world.aws
                .fault("SageMaker.CreateTrainingJob", 2, 400, "ThrottlingException", "Rate exceeded")
                .hosting(jobs.hosting(CannedJobs.ADDITIVE_ANSWER, model -> "the container did not answer /ping"));

        assertThatThrownBy(this::run)
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("endpoint credit-explainer did not come into service with credit-explainer-"
                        + runId + ": Failed: ")
                .hasMessageContaining("the container did not answer /ping");

        assertThat(world.aws.requests("SageMaker.CreateTrainingJob")).hasSize(3);
        assertThat(record().stage("train").status()).isEqualTo(RunRecord.Status.SUCCEEDED);
    }

    @Test
    void stopsWhenAnEndpointUpdateFailsAndSageMakerRollsItBack() throws Exception {
        world.aws.hosting(jobs.hosting(
                CannedJobs.ADDITIVE_ANSWER,
                model -> model.modelName().equals("credit-old")
                        ? null
                        : "CannotStartContainerError: the model container failed the ping health check"));
        try (AwsClients clients = world.clients()) {
            SageMakerClient sageMaker = clients.sageMaker();
            sageMaker.createModel(request -> request.modelName("credit-old")
                    .executionRoleArn(AwsWorld.ROLE)
                    .primaryContainer(container -> container
                            .image(AwsWorld.EXPLAINER_REPOSITORY + ":0.0.9")
                            .modelDataUrl("s3://credit-pipeline/models/old/output/model.tar.gz")));
            sageMaker.createEndpointConfig(request -> request.endpointConfigName("credit-old-config")
                    .productionVariants(ProductionVariant.builder()
                            .variantName("AllTraffic")
                            .modelName("credit-old")
                            .instanceType("ml.m5.large")
                            .initialInstanceCount(1)
                            .build()));
            sageMaker.createEndpoint(
                    request -> request.endpointName("credit-explainer").endpointConfigName("credit-old-config"));
            // The SDK waiter's default first pause is 30 s; the stand-in moves one status per poll.
            sageMaker
                    .waiter()
                    .waitUntilEndpointInService(
                            request -> request.endpointName("credit-explainer"), waiter -> waiter.backoffStrategyV2(
                                            BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(10)))
                                    .maxAttempts(200));

            assertThatThrownBy(this::run)
                    .isInstanceOf(PipelineException.class)
                    .hasMessageContaining("endpoint credit-explainer did not come into service with credit-explainer-"
                            + runId + ": InService on credit-old-config (update rolled back): ")
                    .hasMessageContaining(
                            "CannotStartContainerError: the model container failed the ping health" + " check");

            DescribeEndpointResponse endpoint =
                    sageMaker.describeEndpoint(request -> request.endpointName("credit-explainer"));
            assertThat(endpoint.endpointStatusAsString()).isEqualTo("InService");
            assertThat(endpoint.endpointConfigName()).isEqualTo("credit-old-config");
        }
        assertThat(world.aws.requests("SageMaker.UpdateEndpoint"))
                .singleElement()
                .satisfies(update -> assertThat(
                                update.json().path("EndpointConfigName").asString())
                        .isEqualTo("credit-explainer-" + runId));
        assertThat(world.aws.requests("SageMaker.DeleteEndpoint")).isEmpty();
        assertThat(record().stage("serve").resource("previous_endpoint_config")).hasValue("credit-old-config");
        // The endpoint serves the old model again: nothing of this run is left to stop.
        assertThat(AwsStages.stillRunning(record(), AwsWorld.awsOptions(Optional.empty(), false)))
                .isEmpty();
    }

    @Test
    void resumesARunThatFailedBetweenStagesWithoutRedoingWhatFinished() throws IOException {
        world.aws.training(job -> {
            throw new IllegalStateException("AlgorithmError: out of memory");
        });
        assertThatThrownBy(this::run).hasMessageContaining("AlgorithmError: out of memory");
        LocalJobs local = new LocalJobs(store, temp.resolve("local-jobs-" + runId));
        world.aws.training(jobs::train).hosting(local.hosting()).transform(local::transform);

        PipelineSummary summary;
        try {
            // Asked for another instance type: the resumed run keeps the one it started with.
            summary = run(
                    new AwsOptions(
                            "Credit",
                            Optional.of("eu-west-1"),
                            Optional.of(runId),
                            false,
                            "credit-explainer",
                            "latest",
                            "ml.c5.xlarge"),
                    AwsWorld.shortSleeps());
        } finally {
            local.close();
        }

        assertThat(world.aws.requests("Lambda.Invoke")).hasSize(1);
        assertThat(world.aws.requests("Glue.StartJobRun")).hasSize(1);
        assertThat(world.aws.requests("SageMaker.CreateTrainingJob").stream()
                        .map(request -> request.json().path("TrainingJobName").asString()))
                .containsExactly("credit-train-" + runId, "credit-train-" + runId + "-2");
        assertThat(world.aws
                        .requests("SageMaker.CreateTrainingJob")
                        .get(1)
                        .json()
                        .path("ResourceConfig")
                        .path("InstanceType")
                        .asString())
                .isEqualTo("ml.m5.large");
        assertThat(world.printed())
                .contains("resuming run " + runId + ": generate succeeded, prepare succeeded,"
                        + " train failed, serve pending, batch pending, report pending");
        assertThat(world.printed()).contains("already done in run " + runId + " (resumed)");
        assertThat(summary.explanations()).isEqualTo(200);
        assertThat(summary.explanationErrors()).isZero();
        RunRecord record = record();
        for (String stage : RunRecord.STAGES) {
            assertThat(record.stage(stage).status()).as(stage).isEqualTo(RunRecord.Status.SUCCEEDED);
        }
    }

    @Test
    void reattachesToAGlueRunThatKeptRunningWhenTheWaitWasInterrupted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        world.aws.glueJob(AwsWorld.GLUE_JOB, arguments -> {
            release.await(30, TimeUnit.SECONDS);
            jobs.etl(arguments);
        });
        AtomicBoolean interrupt = new AtomicBoolean(true);
        Poller.Sleeper interrupting = pause -> {
            if (interrupt.get()) {
                throw new InterruptedException("Ctrl-C");
            }
            Thread.sleep(Math.min(pause.toMillis(), 100));
        };

        assertThatThrownBy(() -> run(AwsWorld.awsOptions(Optional.empty(), false), interrupting))
                .isInstanceOf(PipelineException.class)
                .hasRootCauseInstanceOf(InterruptedException.class)
                .hasMessageContaining("interrupted while waiting for Glue job credit-etl; it keeps running on AWS");
        Thread.interrupted();
        RunRecord interrupted = record();
        String jobRunId = interrupted.stage("prepare").resource("job_run_id").orElseThrow();
        assertThat(interrupted.stage("prepare").status()).isEqualTo(RunRecord.Status.RUNNING);
        assertThat(AwsStages.stillRunning(interrupted, AwsWorld.awsOptions(Optional.empty(), false)))
                .containsExactly("Glue job run " + jobRunId + ": aws glue batch-stop-job-run --job-name credit-etl"
                        + " --job-run-ids " + jobRunId);

        interrupt.set(false);
        release.countDown();
        world.aws.training(job -> {
            throw new IllegalStateException("AlgorithmError: stop here");
        });
        assertThatThrownBy(() -> run(AwsWorld.awsOptions(Optional.of(runId), false), AwsWorld.shortSleeps()))
                .hasMessageContaining("AlgorithmError: stop here");

        assertThat(world.aws.requests("Glue.StartJobRun")).hasSize(1);
        assertThat(world.aws.requests("Glue.GetJobRun"))
                .extracting(request -> request.json().path("RunId").asString())
                .containsOnly(jobRunId);
        assertThat(world.printed()).contains("re-attaching to Glue job run " + jobRunId);
        assertThat(record().stage("prepare").status()).isEqualTo(RunRecord.Status.SUCCEEDED);
    }

    @Test
    void stopsBeforeAnythingStartsWhenAStackIsMissingOrAnImageIsNotPushed() {
        assertThatThrownBy(() -> world.open(
                        AwsWorld.options(
                                work,
                                OptionalLong.empty(),
                                new AwsOptions(
                                        "Other",
                                        Optional.of("eu-west-1"),
                                        Optional.empty(),
                                        false,
                                        "credit-explainer",
                                        "latest",
                                        "ml.m5.large")),
                        AwsWorld.shortSleeps(),
                        start))
                .isInstanceOf(AwsStageException.class)
                .hasMessageStartingWith("stack OtherData is not deployed in eu-west-1: deploy the CDK app there");
        assertThatThrownBy(() -> world.open(
                        AwsWorld.options(
                                work,
                                OptionalLong.empty(),
                                new AwsOptions(
                                        "Credit",
                                        Optional.of("eu-west-1"),
                                        Optional.empty(),
                                        false,
                                        "credit-explainer",
                                        "0.2.0",
                                        "ml.m5.large")),
                        AwsWorld.shortSleeps(),
                        start))
                .isInstanceOf(AwsStageException.class)
                .hasMessageStartingWith("image " + AwsWorld.TRAINING_REPOSITORY + ":0.2.0 is not pushed: push it with"
                        + " './mvnw -B -pl training-service -am package jib:build");
        List<Recorded> started = world.aws.requests().stream()
                .filter(request -> !request.operation().startsWith("CloudFormation.")
                        && !request.operation().startsWith("ECR."))
                .toList();
        assertThat(started).isEmpty();
    }

    @Test
    void namesTheDeniedCallAndTheQuotaThatWasReached() {
        world.aws.fault(
                "Lambda.Invoke",
                1,
                403,
                "AccessDeniedException",
                "User: arn:aws:sts::123456789012:assumed-role/dev/alice is not authorized to perform:"
                        + " lambda:InvokeFunction on resource: arn:aws:lambda:eu-west-1:123456789012:function:"
                        + AwsWorld.FUNCTION + " because no identity-based policy allows the lambda:InvokeFunction"
                        + " action");
        assertThatThrownBy(this::run)
                .hasMessageContaining(
                        "invoking the datagen Lambda " + AwsWorld.FUNCTION + " (Lambda Invoke) was denied:"
                                + " arn:aws:sts::123456789012:assumed-role/dev/alice may not call lambda:InvokeFunction on"
                                + " arn:aws:lambda:eu-west-1:123456789012:function:" + AwsWorld.FUNCTION)
                .hasMessageContaining("OperatorPolicyArn");

        world.aws.fault(
                "SageMaker.CreateTrainingJob",
                1,
                400,
                "ResourceLimitExceeded",
                "The account-level service limit 'ml.m5.large for training job usage' is 0 Instances, with current"
                        + " utilization of 0 Instances and a request delta of 1 Instances. Please use AWS Service"
                        + " Quotas to request an increase for this quota.");
        assertThatThrownBy(() -> run(AwsWorld.awsOptions(Optional.of(runId), false), AwsWorld.shortSleeps()))
                .hasMessageContaining("creating training job credit-train-" + runId + " (SageMaker CreateTrainingJob)"
                        + " failed: an account quota is reached: 'ml.m5.large for training job usage'");
    }
}
