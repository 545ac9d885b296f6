package com.example.credit.batch.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a local transform run.
 *
 * @param output the output folder
 * @param files input files of the job
 * @param filesSkipped files finished by an earlier run (resume)
 * @param filesDone files finished by this run
 * @param failures files that failed in this run (they have no output; a rerun does them again)
 * @param records input lines this run wrote an output line for
 * @param errorRecords of those, the error lines
 * @param requests HTTP requests sent to {@code /invocations}
 * @param elapsed the run's duration
 */
public record TransformResult(
        Path output,
        int files,
        int filesSkipped,
        int filesDone,
        List<FileFailure> failures,
        long records,
        long errorRecords,
        long requests,
        Duration elapsed) {

    public TransformResult {
        Objects.requireNonNull(output, "output");
        failures = List.copyOf(failures);
        Objects.requireNonNull(elapsed, "elapsed");
        if (filesSkipped + filesDone + failures.size() != files) {
            throw new IllegalArgumentException("skipped " + filesSkipped + " + done " + filesDone + " + failed "
                    + failures.size() + " must equal the " + files + " input files");
        }
    }

    /** Whether every file has its output. */
    public boolean succeeded() {
        return failures.isEmpty();
    }

    /** Records per second of this run. */
    public double recordsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : records / seconds;
    }

    /**
     * A file that failed.
     *
     * @param relativePath the file below the input root
     * @param reason why
     */
    public record FileFailure(String relativePath, String reason) {
        public FileFailure {
            Objects.requireNonNull(relativePath, "relativePath");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
