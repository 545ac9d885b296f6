package com.example.credit.pipeline.aws;

import com.example.credit.pipeline.Stages;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.model.JobRun;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The prepare stage on AWS: the Glue job reads {@code raw/<run-id>/} and writes {@code prepared/<run-id>/} with the
 * run's seed ({@code StartJobRun} with the job's own arguments overridden), then {@code GetJobRun} until it ends;
 * Glue's {@code ErrorMessage} is the failure.
 */
final class GluePrepare {

    static final String STAGE = "prepare";

    private static final Set<String> RUNNING = Set.of("STARTING", "RUNNING", "STOPPING", "WAITING");
    private static final JsonMapper MAPPER = JsonMapper.shared();

    private final AwsRun run;
    private final String rawPrefix;

    GluePrepare(AwsRun run, String rawPrefix) {
        this.run = run;
        this.rawPrefix = rawPrefix;
    }

    /** The prepared datasets' prefix of this run. */
    String prefix() {
        return "prepared/" + run.runId() + "/";
    }

    Stages.Prepared prepare(long seed, Consumer<String> progress) {
        return run.stage(STAGE, () -> result(progress), before -> start(before, seed, progress), progress);
    }

    private Stages.Prepared start(RunRecord.Stage before, long seed, Consumer<String> progress) {
        String job = run.stacks.etlJob();
        String runId = before.status() == RunRecord.Status.RUNNING
                ? before.resource("job_run_id").orElse(null)
                : null;
        if (runId != null) {
            progress.accept("re-attaching to Glue job run " + runId + " of " + job);
        } else {
            Map<String, String> arguments = Map.of(
                    "--input_path", run.bucket.uri(rawPrefix.substring(0, rawPrefix.length() - 1)),
                    "--output_path", run.bucket.uri(prefix().substring(0, prefix().length() - 1)),
                    "--seed", Long.toString(seed));
            try {
                runId = run.clients
                        .glue()
                        .startJobRun(request -> request.jobName(job).arguments(arguments))
                        .jobRunId();
            } catch (SdkException e) {
                throw AwsFailures.explain("starting the Glue job " + job + " (Glue StartJobRun)", e);
            }
            progress.accept(
                    "Glue job " + job + " started: run " + runId + " with " + new java.util.TreeMap<>(arguments));
            run.resource(STAGE, "job", job);
            run.resource(STAGE, "job_run_id", runId);
        }
        String jobRunId = runId;
        Poller.Poll last = run.poller.await("Glue job " + job, () -> poll(job, jobRunId), progress);
        if (last.phase() == Poller.Phase.FAILED) {
            throw new AwsJobFailedException("Glue job " + job + " run " + jobRunId + " ended " + last.status() + ": "
                    + last.message() + " (logs: the job's run in the Glue console, or CloudWatch /aws-glue/jobs/)");
        }
        return result(progress);
    }

    private Poller.Poll poll(String job, String runId) {
        JobRun jobRun;
        try {
            jobRun = run.clients
                    .glue()
                    .getJobRun(request -> request.jobName(job).runId(runId))
                    .jobRun();
        } catch (SdkException e) {
            throw AwsFailures.explain("reading Glue job run " + runId + " (Glue GetJobRun)", e);
        }
        String state = jobRun.jobRunStateAsString();
        if (RUNNING.contains(state)) {
            Integer seconds = jobRun.executionTime();
            return new Poller.Poll(
                    Poller.Phase.RUNNING,
                    state,
                    seconds == null || seconds == 0 ? "" : "executing for " + seconds + " s");
        }
        if ("SUCCEEDED".equals(state)) {
            if (jobRun.executionTime() != null) {
                run.figure(STAGE, "execution_seconds", jobRun.executionTime());
            }
            if (jobRun.dpuSeconds() != null) {
                run.figure(STAGE, "dpu_seconds", jobRun.dpuSeconds());
            }
            return new Poller.Poll(Poller.Phase.DONE, state, "");
        }
        return new Poller.Poll(Poller.Phase.FAILED, state, jobRun.errorMessage());
    }

    private Stages.Prepared result(Consumer<String> progress) {
        String marker = run.bucket
                .read(prefix() + "_SUCCESS")
                .orElseThrow(() -> new AwsStageException(
                        run.bucket.uri(prefix() + "_SUCCESS") + " is missing: the Glue job did not complete"));
        JsonNode manifest;
        try {
            manifest = MAPPER.readTree(marker);
        } catch (tools.jackson.core.JacksonException e) {
            throw new AwsStageException(run.bucket.uri(prefix() + "_SUCCESS") + " is not the ETL's JSON manifest", e);
        }
        long train = manifest.path("rows").path("train").asLong(-1);
        long test = manifest.path("rows").path("test").asLong(-1);
        if (train < 0 || test < 0) {
            throw new AwsStageException(
                    run.bucket.uri(prefix() + "_SUCCESS") + " has no row counts: " + marker.strip());
        }
        run.figure(STAGE, "train_rows", train);
        run.figure(STAGE, "test_rows", test);
        return new Stages.Prepared(run.bucket.uri(prefix()), train, test);
    }
}
