package com.example.credit.batch.local;

import java.time.Duration;
import java.util.function.LongSupplier;

/** Counts records and reports to a {@link ProgressListener} at most every two seconds. Used by one thread. */
final class ProgressTracker {

    private final long total;
    private final long start;
    private final ProgressListener listener;
    private final LongSupplier nanoTime;
    private long done;
    private long errors;
    private long lastReport;

    ProgressTracker(long total, long start, ProgressListener listener) {
        this(total, start, listener, System::nanoTime);
    }

    /** With a clock in nanoseconds, so that tests decide when time passes. */
    ProgressTracker(long total, long start, ProgressListener listener, LongSupplier nanoTime) {
        this.total = total;
        this.start = start;
        this.listener = listener;
        this.nanoTime = nanoTime;
        this.lastReport = start;
    }

    void add(long records, long errorRecords) {
        done += records;
        errors += errorRecords;
        long now = nanoTime.getAsLong();
        if (now - lastReport >= ProgressListener.INTERVAL_MILLIS * 1_000_000L) {
            lastReport = now;
            listener.progress(snapshot(now));
        }
    }

    void finish() {
        listener.progress(snapshot(nanoTime.getAsLong()));
    }

    long done() {
        return done;
    }

    long errors() {
        return errors;
    }

    private Progress snapshot(long now) {
        return new Progress(done, Math.max(total, done), errors, Duration.ofNanos(now - start));
    }
}
