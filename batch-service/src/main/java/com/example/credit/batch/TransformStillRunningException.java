package com.example.credit.batch;

/**
 * Waiting for a SageMaker transform job stopped (interrupted, or past the polling timeout) while the job keeps
 * running: the caller may wait for it again later instead of starting another.
 */
public class TransformStillRunningException extends TransformException {

    private final String jobName;

    public TransformStillRunningException(String jobName, String message, Throwable cause) {
        super(message, cause);
        this.jobName = jobName;
    }

    /** The job that keeps running. */
    public String jobName() {
        return jobName;
    }
}
