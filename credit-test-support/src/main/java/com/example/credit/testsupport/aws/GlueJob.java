package com.example.credit.testsupport.aws;

import java.util.Map;

/**
 * The work behind a Glue job of the stand-in ({@link AwsStandIn#glueJob}), run on a background thread for each
 * {@code StartJobRun}. Returning ends the run {@code SUCCEEDED}; an exception ends it {@code FAILED} with the
 * exception's message as {@code ErrorMessage}; {@code BatchStopJobRun} interrupts the thread.
 */
@FunctionalInterface
public interface GlueJob {

    /** Runs the job with the run's {@code Arguments} (keys as the caller sent them, e.g. {@code --input}). */
    void run(Map<String, String> arguments) throws Exception;
}
