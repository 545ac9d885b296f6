package com.example.credit.testsupport.aws;

/**
 * Runs SageMaker batch transform jobs for the stand-in ({@link AwsStandIn#transform}), one background thread per
 * {@code CreateTransformJob}. Returning completes the job; an exception fails it with the message as
 * {@code FailureReason}; {@code StopTransformJob} interrupts the thread.
 */
@FunctionalInterface
public interface TransformExecutor {

    /** Transforms the job's input into its output path. */
    void transform(TransformJob job) throws Exception;
}
