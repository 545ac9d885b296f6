package com.example.credit.testsupport.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchStopJobRunResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.glue.model.WorkerType;

/** Glue's job runs over awsJson1_1, through the SDK's own client. */
class GlueStandInTests {

    private final AwsStandIn aws = AwsStandIn.start();
    private final GlueClient glue = Clients.of(aws, GlueClient.builder());

    @AfterEach
    void close() {
        glue.close();
        aws.close();
    }

    private JobRun jobRun(String runId) {
        return glue.getJobRun(request -> request.jobName("credit-etl").runId(runId))
                .jobRun();
    }

    @Test
    void runsAJobWithItsArgumentsThroughStartingAndRunningToSucceeded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Map<String, String>> received = new CopyOnWriteArrayList<>();
        aws.glueJob("credit-etl", arguments -> {
            received.add(arguments);
            release.await(5, TimeUnit.SECONDS);
        });

        String runId = glue.startJobRun(request -> request.jobName("credit-etl")
                        .arguments(Map.of("--input", "s3://bucket/raw/", "--output", "s3://bucket/prepared/"))
                        .workerType(WorkerType.G_1_X)
                        .numberOfWorkers(2))
                .jobRunId();

        assertThat(runId).matches("jr_[0-9a-f]{64}");
        assertThat(jobRun(runId).jobRunState()).isEqualTo(JobRunState.STARTING);
        assertThat(jobRun(runId).jobRunState()).isEqualTo(JobRunState.RUNNING);
        // Held while the job runs, however often it is asked.
        assertThat(jobRun(runId).jobRunState()).isEqualTo(JobRunState.RUNNING);
        release.countDown();
        aws.awaitIdle(Duration.ofSeconds(5));
        JobRun finished = jobRun(runId);

        assertThat(finished.jobRunState()).isEqualTo(JobRunState.SUCCEEDED);
        assertThat(received)
                .containsExactly(Map.of("--input", "s3://bucket/raw/", "--output", "s3://bucket/prepared/"));
        assertThat(finished.id()).isEqualTo(runId);
        assertThat(finished.jobName()).isEqualTo("credit-etl");
        assertThat(finished.arguments()).containsEntry("--input", "s3://bucket/raw/");
        assertThat(finished.workerType()).isEqualTo(WorkerType.G_1_X);
        assertThat(finished.numberOfWorkers()).isEqualTo(2);
        assertThat(finished.startedOn()).isNotNull();
        assertThat(finished.completedOn()).isAfterOrEqualTo(finished.startedOn());
        assertThat(finished.executionTime()).isNotNull();
        assertThat(finished.errorMessage()).isNull();
    }

    @Test
    void failsARunWhoseJobThrowsWithTheMessageAsErrorMessage() {
        aws.glueJob("credit-etl", arguments -> {
            throw new IllegalStateException("raw/_SUCCESS is missing");
        });
        String runId =
                glue.startJobRun(request -> request.jobName("credit-etl")).jobRunId();

        List<String> states =
                Clients.pollUntil(() -> jobRun(runId), JobRun::jobRunStateAsString, "SUCCEEDED", "FAILED", "STOPPED");

        assertThat(Clients.distinct(states)).containsExactly("STARTING", "RUNNING", "FAILED");
        assertThat(jobRun(runId).errorMessage()).isEqualTo("raw/_SUCCESS is missing");
    }

    @Test
    void stopsARunningJobThroughStoppingToStopped() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        aws.glueJob("credit-etl", arguments -> {
            started.countDown();
            Thread.sleep(10_000);
        });
        String runId =
                glue.startJobRun(request -> request.jobName("credit-etl")).jobRunId();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        BatchStopJobRunResponse stop =
                glue.batchStopJobRun(request -> request.jobName("credit-etl").jobRunIds(runId, "jr_unknown"));

        assertThat(stop.successfulSubmissions())
                .singleElement()
                .satisfies(submission -> assertThat(submission.jobRunId()).isEqualTo(runId));
        assertThat(stop.errors()).singleElement().satisfies(error -> assertThat(error.jobRunId())
                .isEqualTo("jr_unknown"));
        assertThat(jobRun(runId).jobRunState()).isEqualTo(JobRunState.STOPPING);
        aws.awaitIdle(Duration.ofSeconds(5));
        assertThat(jobRun(runId).jobRunState()).isEqualTo(JobRunState.STOPPED);
    }

    @Test
    void listsTheRunsOfAJobNewestFirst() {
        aws.glueJob("credit-etl", arguments -> {});
        String first =
                glue.startJobRun(request -> request.jobName("credit-etl")).jobRunId();
        String second =
                glue.startJobRun(request -> request.jobName("credit-etl")).jobRunId();

        assertThat(glue.getJobRuns(request -> request.jobName("credit-etl")).jobRuns())
                .extracting(JobRun::id)
                .containsExactly(second, first);
    }

    @Test
    void answersAnUnknownJobWithEntityNotFound() {
        EntityNotFoundException error = catchThrowableOfType(
                EntityNotFoundException.class, () -> glue.startJobRun(request -> request.jobName("no-such-job")));

        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("EntityNotFoundException");
        assertThat(error.awsErrorDetails().errorMessage())
                .isEqualTo("Failed to start job run due to missing metadata.");
        assertThat(aws.requests("Glue.StartJobRun").get(0).header("X-Amz-Target"))
                .isEqualTo("AWSGlue.StartJobRun");
    }
}
