package com.example.credit.batch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTrackerTests {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void reportsAtMostEveryTwoSecondsAndOnceAtTheEnd() {
        AtomicLong clock = new AtomicLong();
        List<Progress> reports = new ArrayList<>();
        ProgressTracker tracker = new ProgressTracker(1000, 0, reports::add, clock::get);

        for (long t : new long[] {SECOND, 2 * SECOND, 3 * SECOND, 4 * SECOND, 4 * SECOND + SECOND / 2}) {
            clock.set(t);
            tracker.add(100, 1);
        }
        clock.set(5 * SECOND);
        tracker.finish();

        assertThat(reports).extracting(Progress::recordsDone).containsExactly(200L, 400L, 500L);
        assertThat(reports.get(2)).isEqualTo(new Progress(500, 1000, 5, Duration.ofSeconds(5)));
    }

    @Test
    void describesRateAndTimeLeft() {
        Progress progress = new Progress(1200, 5000, 3, Duration.ofSeconds(4));

        assertThat(progress.recordsPerSecond()).isEqualTo(300.0);
        assertThat(progress.remaining()).isEqualTo(Duration.ofMillis(12_666));
        assertThat(progress.describe())
                .isEqualTo("1200/5000 records (24.0%), 300.0 records/s, about 12 s left, 3 error line(s)");
    }

    @Test
    void saysTimeLeftIsUnknownBeforeAnyRecordIsDone() {
        assertThat(new Progress(0, 10, 0, Duration.ZERO).describe())
                .isEqualTo("0/10 records (0.0%), 0.0 records/s, time left unknown, 0 error line(s)");
    }
}
