package com.example.credit.pipeline.aws;

/**
 * The run stopped waiting for an AWS job that keeps running (interrupted, or past the wait's limit): its stage stays
 * {@code running} in the run record, so that {@code --resume} re-attaches to the job instead of starting another.
 */
public class StillRunningException extends AwsStageException {

    public StillRunningException(String message, Throwable cause) {
        super(message, cause);
    }
}
