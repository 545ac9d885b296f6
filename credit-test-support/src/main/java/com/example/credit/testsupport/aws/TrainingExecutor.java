package com.example.credit.testsupport.aws;

import java.util.Map;

/**
 * Runs SageMaker training jobs for the stand-in ({@link AwsStandIn#training}), one background thread per
 * {@code CreateTrainingJob}. Returning completes the job with the returned final metrics; an exception fails it
 * with the message as {@code FailureReason}; {@code StopTrainingJob} interrupts the thread.
 */
@FunctionalInterface
public interface TrainingExecutor {

    /** Trains, writing the model artifact to {@link TrainingJob#modelArtifact()}, and returns the final metrics. */
    Map<String, Double> train(TrainingJob job) throws Exception;
}
