package com.example.credit.pipeline.aws;

import com.example.credit.pipeline.PipelineException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * What the AWS stages share: the clients, the deployed stacks' names, the run record (saved to the bucket and the
 * work folder after every change), the work folder, the poller and the clock.
 */
final class AwsRun {

    /** Tags on every SageMaker resource the run creates. */
    static final String PROJECT_TAG = "credit-decisions-explained";

    final AwsClients clients;
    final DeployedStacks stacks;
    final RunRecord record;
    final Bucket bucket;
    final Poller poller;
    final Clock clock;
    final Path workDir;
    final PrintStream out;
    final AwsOptions options;

    AwsRun(
            AwsClients clients,
            DeployedStacks stacks,
            RunRecord record,
            Poller poller,
            Clock clock,
            Path workDir,
            PrintStream out,
            AwsOptions options) {
        this.clients = clients;
        this.stacks = stacks;
        this.record = record;
        this.bucket = new Bucket(clients.s3(), stacks.bucket());
        this.poller = poller;
        this.clock = clock;
        this.workDir = workDir;
        this.out = out;
        this.options = options;
    }

    String runId() {
        return record.runId();
    }

    /** The record's key in the bucket. */
    static String recordKey(String runId) {
        return "runs/" + runId + "/run.json";
    }

    /** The record's file in the work folder. */
    static Path recordFile(Path workDir, String runId) {
        return workDir.resolve("runs").resolve(runId).resolve("run.json");
    }

    /** Writes the record to the bucket and the work folder (atomically there). */
    synchronized void save() {
        String json = record.toJson();
        Path file = recordFile(workDir, runId());
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling("run.json.tmp");
            Files.writeString(temp, json, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PipelineException("cannot write the run record " + file + ": " + e.getMessage(), e);
        }
        bucket.write(recordKey(runId()), json, "application/json");
    }

    /**
     * Runs a stage under the record: skips it when it succeeded in the run being resumed (returning what
     * {@code done} derives from its artifacts), else marks it running, runs it and marks it succeeded or failed.
     * {@code work} receives the stage's entry as it was before: {@link RunRecord.Status#RUNNING} there means an
     * earlier process stopped waiting for its job, which the stage re-attaches to instead of starting another.
     */
    <T> T stage(
            String name,
            Supplier<T> done,
            Function<RunRecord.Stage, T> work,
            java.util.function.Consumer<String> progress) {
        RunRecord.Stage before = record.stage(name);
        if (before.status() == RunRecord.Status.SUCCEEDED) {
            progress.accept("already done in run " + runId() + " (resumed): " + before.resources());
            return done.get();
        }
        record.start(name, clock.instant());
        save();
        try {
            T result = work.apply(before);
            record.end(name, RunRecord.Status.SUCCEEDED, clock.instant(), Optional.empty());
            save();
            return result;
        } catch (StillRunningException e) {
            record.update(
                    name,
                    stage -> new RunRecord.Stage(
                            RunRecord.Status.RUNNING,
                            stage.started(),
                            Optional.empty(),
                            stage.resources(),
                            stage.figures(),
                            Optional.of(String.valueOf(e.getMessage()))));
            saveQuietly(e);
            throw e;
        } catch (RuntimeException e) {
            record.end(name, RunRecord.Status.FAILED, clock.instant(), Optional.of(String.valueOf(e.getMessage())));
            saveQuietly(e);
            throw e;
        }
    }

    private void saveQuietly(RuntimeException failure) {
        try {
            save();
        } catch (RuntimeException saveFailure) {
            failure.addSuppressed(saveFailure);
        }
    }

    /** Records a resource of a stage and saves at once, so that a crash right after still knows about it. */
    void resource(String stage, String name, String value) {
        record.update(stage, entry -> entry.withResource(name, value));
        save();
    }

    void figure(String stage, String name, double value) {
        record.update(stage, entry -> entry.withFigure(name, value));
    }

    /**
     * A name for a stage's job, unique per attempt: {@code credit-<kind>-<run-id>}, then {@code -2}, {@code -3} for
     * attempts after a failed one (SageMaker and Glue keep job names forever).
     */
    String jobName(String kind, String stage) {
        int attempt = (int) Math.round(record.stage(stage).figures().getOrDefault("attempt", 0.0)) + 1;
        record.update(stage, entry -> entry.withFigure("attempt", attempt));
        String base = AwsOptions.NAME_PREFIX + kind + "-" + runId();
        return attempt == 1 ? base : base + "-" + attempt;
    }

    /** The SageMaker tags of the run's resources. */
    List<Tag> tags() {
        return List.of(
                Tag.builder().key("project").value(PROJECT_TAG).build(),
                Tag.builder().key("credit-run").value(runId()).build());
    }

    Instant now() {
        return clock.instant();
    }
}
