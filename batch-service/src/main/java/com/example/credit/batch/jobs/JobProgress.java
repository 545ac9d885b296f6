package com.example.credit.batch.jobs;

import com.example.credit.batch.local.Progress;
import java.time.Duration;

/**
 * A local job's progress as the API shows it.
 *
 * @param recordsDone input records with an output line so far (error lines included)
 * @param recordsTotal input records of the files this attempt works on (files finished by an earlier attempt are
 *     not counted again)
 * @param errorRecords error lines so far
 * @param recordsPerSecond the rate so far
 * @param secondsLeft the estimated time left at that rate, or {@code null} before there is a rate
 */
public record JobProgress(
        long recordsDone, long recordsTotal, long errorRecords, double recordsPerSecond, Long secondsLeft) {

    /** The API's view of the transformer's progress. */
    public static JobProgress of(Progress progress) {
        Duration left = progress.remaining();
        return new JobProgress(
                progress.recordsDone(),
                progress.recordsTotal(),
                progress.errorRecords(),
                progress.recordsPerSecond(),
                left == null ? null : left.toSeconds());
    }
}
