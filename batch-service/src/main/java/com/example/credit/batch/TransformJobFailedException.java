package com.example.credit.batch;

/** A SageMaker transform job ended in Failed or Stopped; the message carries SageMaker's failure reason. */
public class TransformJobFailedException extends BatchException {

    private final String status;
    private final String failureReason;

    public TransformJobFailedException(String jobName, String status, String failureReason) {
        super("transform job " + jobName + " ended with status " + status
                + (failureReason == null ? "" : ": " + failureReason));
        this.status = status;
        this.failureReason = failureReason;
    }

    /** The terminal status, {@code Failed} or {@code Stopped}. */
    public String status() {
        return status;
    }

    /** SageMaker's failure reason, or {@code null} when it gave none. */
    public String failureReason() {
        return failureReason;
    }
}
