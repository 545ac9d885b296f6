package com.example.credit.pipeline.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the command says is left on AWS when it stops early (Ctrl-C, a wait that timed out, a failure). */
class StillRunningNoticeTests {

    private static final Instant T0 = Instant.parse("2026-12-03T10:15:00Z");

    private static RunRecord record() {
        return new RunRecord("20261203-101500", T0, Map.of());
    }

    @Test
    void namesEachRunningJobWithTheCommandThatStopsIt() {
        RunRecord record = record();
        record.start("train", T0);
        record.update("train", stage -> stage.withResource("training_job", "credit-train-20261203-101500"));
        record.start("batch", T0);
        record.update("batch", stage -> stage.withResource("transform_job", "credit-batch-20261203-101500"));

        assertThat(AwsStages.stillRunning(record, AwsWorld.awsOptions(Optional.empty(), false)))
                .containsExactly(
                        "training job credit-train-20261203-101500: aws sagemaker stop-training-job"
                                + " --training-job-name credit-train-20261203-101500",
                        "transform job credit-batch-20261203-101500: aws sagemaker stop-transform-job"
                                + " --transform-job-name credit-batch-20261203-101500");
    }

    @Test
    void warnsOfAnEndpointInServiceOnlyWhenThisRunPutItThereAndWillNotDeleteIt() {
        RunRecord record = record();
        record.end("serve", RunRecord.Status.SUCCEEDED, T0, Optional.empty());
        record.update("serve", stage -> stage.withResource("endpoint", "credit-explainer"));
        // Rolled back or failed: the endpoint never served this run's model, and may serve another.
        assertThat(AwsStages.stillRunning(record, AwsWorld.awsOptions(Optional.empty(), false)))
                .isEmpty();

        record.update("serve", stage -> stage.withResource("in_service_since", T0.toString()));
        assertThat(AwsStages.stillRunning(record, AwsWorld.awsOptions(Optional.empty(), false)))
                .containsExactly("endpoint credit-explainer (bills by the hour): aws sagemaker delete-endpoint"
                        + " --endpoint-name credit-explainer");
        assertThat(AwsStages.stillRunning(record, AwsWorld.awsOptions(Optional.empty(), true)))
                .isEmpty();

        record.update(
                "serve",
                stage -> stage.withResource(
                        "endpoint_deleted", T0.plusSeconds(60).toString()));
        assertThat(AwsStages.stillRunning(record, AwsWorld.awsOptions(Optional.empty(), false)))
                .isEmpty();
    }

    @Test
    void saysThatAnEndpointIsStillComingUpWhileServingWasInterrupted() {
        RunRecord record = record();
        record.start("serve", T0);
        record.update("serve", stage -> stage.withResource("endpoint", "credit-explainer"));

        assertThat(AwsStages.stillRunning(record, AwsWorld.awsOptions(Optional.empty(), false)))
                .containsExactly("endpoint credit-explainer is being created or updated: aws sagemaker"
                        + " describe-endpoint --endpoint-name credit-explainer");
    }
}
