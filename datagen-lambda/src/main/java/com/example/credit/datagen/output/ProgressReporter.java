package com.example.credit.datagen.output;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Reports rows written and throughput (rows/s) to a log sink: at most once per interval while writing, and
 * once at the end. The clock is read only every {@value #CHECK_EVERY} rows to keep it off the hot path.
 */
public final class ProgressReporter {

    private static final int CHECK_EVERY = 4096;

    private final Consumer<String> sink;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private long startNanos;
    private long lastReportNanos;

    public ProgressReporter(Consumer<String> sink, LongSupplier nanoClock, Duration interval) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.intervalNanos = interval.toNanos();
    }

    /** Reports to the sink every 10 seconds, timed by {@link System#nanoTime()}. */
    public static ProgressReporter every10Seconds(Consumer<String> sink) {
        return new ProgressReporter(sink, System::nanoTime, Duration.ofSeconds(10));
    }

    /** Starts the clock. */
    public void started(String what) {
        startNanos = nanoClock.getAsLong();
        lastReportNanos = startNanos;
        sink.accept("datagen: writing " + what);
    }

    /** Called after each row; reports when the interval has passed. */
    public void rowWritten(long rowsSoFar, long total) {
        if (rowsSoFar % CHECK_EVERY != 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (now - lastReportNanos >= intervalNanos) {
            lastReportNanos = now;
            sink.accept(String.format(
                    Locale.ROOT,
                    "datagen: %d of %d applicants (%.1f %%), %s",
                    rowsSoFar,
                    total,
                    100.0 * rowsSoFar / total,
                    rate(rowsSoFar, now)));
        }
    }

    /** Reports the final counts and throughput. */
    public void finished(Manifest manifest, String location) {
        sink.accept(String.format(
                Locale.ROOT,
                "datagen: wrote %d applicants (%d credits, %d people, %d contacts) to %s, %s",
                manifest.request().n(),
                manifest.credits(),
                manifest.people(),
                manifest.contacts(),
                location,
                rate(manifest.request().n(), nanoClock.getAsLong())));
    }

    private String rate(long rows, long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        return String.format(Locale.ROOT, "%.1f s, %.0f rows/s", seconds, rows / seconds);
    }
}
