package com.example.credit.datagen.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.datagen.generate.GenerationRequest;
import com.example.credit.datagen.generate.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressReporterTests {

    private static final long SECOND = 1_000_000_000L;

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong(5 * SECOND);
    private final ProgressReporter progress = new ProgressReporter(lines::add, clock::get, Duration.ofSeconds(10));

    @Test
    void reportsOnlyOnceTheIntervalHasPassed() {
        progress.started("8192 applicants");
        clock.addAndGet(9 * SECOND);
        progress.rowWritten(4096, 8192);
        assertThat(lines).hasSize(1);

        clock.addAndGet(SECOND);
        progress.rowWritten(8192, 8192);
        assertThat(lines).hasSize(2).last().isEqualTo("datagen: 8192 of 8192 applicants (100.0 %), 10.0 s, 819 rows/s");
    }

    @Test
    void reportsTheFinalCountsAndRowsPerSecond() {
        progress.started("1000 applicants");
        clock.addAndGet(2 * SECOND);
        progress.finished(
                new Manifest(Manifest.FORMAT_VERSION, new GenerationRequest(Mode.STATLOG, 1000, 1), 1000, 1000, 2500),
                "/data/raw");
        assertThat(lines)
                .last()
                .isEqualTo("datagen: wrote 1000 applicants (1000 credits, 1000 people, 2500 contacts) to /data/raw,"
                        + " 2.0 s, 500 rows/s");
    }
}
