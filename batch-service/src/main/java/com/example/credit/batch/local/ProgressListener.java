package com.example.credit.batch.local;

/**
 * Receives progress of a long run: at most every {@link #INTERVAL_MILLIS} ms while it runs, and once at the end.
 */
@FunctionalInterface
public interface ProgressListener {

    /** The least time between two reports while a run goes on. */
    long INTERVAL_MILLIS = 2000;

    /** A listener that ignores progress. */
    ProgressListener NONE = progress -> {};

    /** Called on the run's writer thread; keep it quick. */
    void progress(Progress progress);

    /** Prints {@link Progress#describe()} lines to a stream (the console). */
    static ProgressListener printingTo(java.io.PrintStream out) {
        return progress -> out.println("batch: " + progress.describe());
    }
}
