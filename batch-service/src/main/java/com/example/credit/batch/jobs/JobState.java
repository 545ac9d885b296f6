package com.example.credit.batch.jobs;

/** Where a job is in its life; the last three are final. */
public enum JobState {
    /** Accepted, waiting for the local worker (one local job runs at a time). */
    QUEUED,
    /** Running: records being explained (local) or the SageMaker job in progress (AWS). */
    RUNNING,
    /** A stop was asked for; the job has not ended yet. */
    STOPPING,
    /** Every file done (local: error lines may be in the outputs; their count is in the progress). */
    COMPLETED,
    /** Ended with failed files (local) or SageMaker's Failed; the errors say why. */
    FAILED,
    /** Stopped on request: finished files are kept, a new job on the same output does only the others. */
    STOPPED;

    /** Whether the job has ended. */
    public boolean ended() {
        return this == COMPLETED || this == FAILED || this == STOPPED;
    }
}
