package com.example.credit.batch.local;

import java.time.Duration;
import java.util.Locale;

/**
 * A snapshot of a running transform.
 *
 * @param recordsDone input lines with an output line so far (error lines included)
 * @param recordsTotal input lines of the files this run works on
 * @param errorRecords error lines so far
 * @param elapsed time since the run started
 */
public record Progress(long recordsDone, long recordsTotal, long errorRecords, Duration elapsed) {

    public Progress {
        if (recordsDone < 0 || recordsTotal < 0 || errorRecords < 0) {
            throw new IllegalArgumentException("progress counts must be non-negative: done " + recordsDone + ", total "
                    + recordsTotal + ", errors " + errorRecords);
        }
    }

    /** Records per second so far (0 before the first second of work has any). */
    public double recordsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : recordsDone / seconds;
    }

    /** The estimated time left at the current rate, or {@code null} while there is no rate yet. */
    public Duration remaining() {
        double rate = recordsPerSecond();
        if (rate <= 0) {
            return null;
        }
        return Duration.ofMillis((long) (Math.max(0, recordsTotal - recordsDone) / rate * 1000));
    }

    /** One console line: {@code 1200/5000 records (24.0%), 350.2 records/s, about 11 s left, 3 error line(s)}. */
    public String describe() {
        double percent = recordsTotal == 0 ? 100 : 100.0 * recordsDone / recordsTotal;
        Duration left = remaining();
        return String.format(
                Locale.ROOT,
                "%d/%d records (%.1f%%), %.1f records/s, %s, %d error line(s)",
                recordsDone,
                recordsTotal,
                percent,
                recordsPerSecond(),
                left == null ? "time left unknown" : "about " + format(left) + " left",
                errorRecords);
    }

    private static String format(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds < 120 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
    }
}
