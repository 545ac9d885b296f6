package com.example.credit.batch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.batch.local.Progress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The job records on disk: saved whole, read back as saved, and never broken by two saves of one record at once. */
class JobStoreTests {

    @TempDir
    Path temp;

    private static JobRecord record(Path temp, long done) {
        JobRecord queued = JobRecord.queued(
                "job-20261205-100000-0001",
                JobBackend.LOCAL,
                JobFixture.spec(temp.resolve("in"), temp.resolve("out")),
                URI.create("http://127.0.0.1:8080"),
                null,
                Instant.parse("2026-12-05T10:00:00Z"));
        return queued.starting(Instant.parse("2026-12-05T10:00:01Z"))
                .withProgress(JobProgress.of(new Progress(done, 1000, 0, Duration.ofSeconds(1))));
    }

    @Test
    void aSavedRecordIsLoadedAsItWasSaved() {
        JobStore store = new JobStore(temp.resolve("jobs"), JsonMapper.shared());
        JobRecord record = record(temp, 250);

        store.save(record);

        assertThat(store.load()).containsExactly(record);
    }

    @Test
    void concurrentSavesOfOneRecordAllSucceedAndLeaveOneWholeRecordAndNoTemporaryFile() throws Exception {
        JobStore store = new JobStore(temp.resolve("jobs"), JsonMapper.shared());
        int threads = 8;
        int savesEach = 60;
        List<JobRecord> saved = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<JobRecord> mine = new ArrayList<>();
                for (int i = 0; i < savesEach; i++) {
                    mine.add(record(temp, t * savesEach + i));
                }
                saved.addAll(mine);
                Callable<Void> saver = () -> {
                    start.await();
                    mine.forEach(store::save);
                    return null;
                };
                futures.add(pool.submit(saver));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.load()).singleElement().isIn(saved);
        try (var files = Files.list(temp.resolve("jobs"))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactly("job-20261205-100000-0001.json");
        }
    }
}
