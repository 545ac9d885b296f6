package com.example.credit.testsupport.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Glue's job runs over awsJson1_1 ({@code X-Amz-Target: AWSGlue.<Op>}): {@code StartJobRun}, {@code GetJobRun},
 * {@code GetJobRuns}, {@code BatchStopJobRun}, with the SDK 2.40.2 field names ({@code JobRun}: Id, JobName,
 * JobRunState, ErrorMessage, StartedOn, LastModifiedOn, CompletedOn, ExecutionTime, Arguments, ...).
 *
 * <p>A run shows {@code STARTING} first, then {@code RUNNING}, one step per {@code GetJobRun}; it stays
 * {@code RUNNING} while its {@link GlueJob} runs and only then turns {@code SUCCEEDED}, {@code FAILED} or (after
 * {@code BatchStopJobRun}, {@code STOPPING} first) {@code STOPPED}. {@code GetJobRuns} shows the runs without
 * moving them on.
 */
final class GlueService implements AwsJsonService {

    private final Map<String, GlueJob> jobs = new LinkedHashMap<>();
    private final Map<String, JobRun> runs = new LinkedHashMap<>();
    private final Background background;

    GlueService(Background background) {
        this.background = background;
    }

    synchronized void job(String name, GlueJob job) {
        jobs.put(name, job);
    }

    @Override
    public String name() {
        return "Glue";
    }

    @Override
    public synchronized Reply handle(String operation, Call call) {
        JsonNode request = call.json();
        return switch (operation) {
            case "StartJobRun" -> startJobRun(request);
            case "GetJobRun" -> getJobRun(request);
            case "GetJobRuns" -> getJobRuns(request);
            case "BatchStopJobRun" -> batchStopJobRun(request);
            default ->
                throw new AwsError(
                        400, "UnknownOperationException", "the AWS stand-in's Glue does not answer " + operation);
        };
    }

    private Reply startJobRun(JsonNode request) {
        String jobName = Json.text(request, "JobName");
        GlueJob job = jobs.get(jobName);
        if (job == null) {
            // Glue's answer to StartJobRun for a job it does not have.
            throw new AwsError(400, "EntityNotFoundException", "Failed to start job run due to missing metadata.");
        }
        // The run's own arguments: Glue would merge the job definition's DefaultArguments under them, but the
        // stand-in's jobs are registered without a definition.
        Map<String, String> arguments = Json.stringMap(request.path("Arguments"));
        String id = runId(jobName, runs.size());
        runs.put(id, new JobRun(id, jobName, request.deepCopy(), background.start(() -> {
            job.run(arguments);
            return null;
        })));
        ObjectNode answer = Json.object();
        answer.put("JobRunId", id);
        return Reply.awsJson(answer);
    }

    private Reply getJobRun(JsonNode request) {
        JobRun run = run(Json.text(request, "JobName"), Json.text(request, "RunId"));
        run.advance();
        ObjectNode answer = Json.object();
        answer.set("JobRun", run.describe());
        return Reply.awsJson(answer);
    }

    private Reply getJobRuns(JsonNode request) {
        String jobName = Json.text(request, "JobName");
        if (!jobs.containsKey(jobName)) {
            throw notFound(jobName);
        }
        List<JobRun> ofJob = new ArrayList<>(runs.values().stream()
                .filter(run -> run.jobName.equals(jobName))
                .toList());
        // Glue lists the newest run first.
        Collections.reverse(ofJob);
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("JobRuns");
        ofJob.forEach(run -> list.add(run.describe()));
        return Reply.awsJson(answer);
    }

    private Reply batchStopJobRun(JsonNode request) {
        String jobName = Json.text(request, "JobName");
        ObjectNode answer = Json.object();
        ArrayNode stopped = answer.putArray("SuccessfulSubmissions");
        ArrayNode errors = answer.putArray("Errors");
        // Glue answers the call itself with success and lists the runs it could not stop as errors.
        for (JsonNode id : request.path("JobRunIds")) {
            JobRun run = runs.get(id.asString());
            String problem = run == null || !run.jobName.equals(jobName)
                    ? "EntityNotFoundException"
                    : run.stop() ? null : "InvalidInputException";
            ObjectNode entry = (problem == null ? stopped : errors).addObject();
            entry.put("JobName", jobName);
            entry.put("JobRunId", id.asString());
            if (problem != null) {
                ObjectNode detail = entry.putObject("ErrorDetail");
                detail.put("ErrorCode", problem);
                detail.put(
                        "ErrorMessage",
                        run == null ? "Job run not found: " + id.asString() : "Job run is already " + run.state);
            }
        }
        return Reply.awsJson(answer);
    }

    private JobRun run(String jobName, String runId) {
        JobRun run = runs.get(runId);
        if (!jobs.containsKey(jobName) || run == null || !run.jobName.equals(jobName)) {
            throw notFound(jobName + " run " + runId);
        }
        return run;
    }

    private static AwsError notFound(String what) {
        return new AwsError(400, "EntityNotFoundException", "Entity not found: " + what);
    }

    /** Glue's run ids are {@code jr_} and 64 hex digits; here derived from the job and the count, so reproducible. */
    private static String runId(String jobName, int count) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((jobName + "/" + count).getBytes(StandardCharsets.UTF_8));
            return "jr_" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** One run: its status moves one step per GetJobRun, held at RUNNING or STOPPING while the job still runs. */
    private static final class JobRun {

        private final String id;
        private final String jobName;
        private final JsonNode request;
        private final Run<Void> work;
        private final Instant startedOn = Instant.now();
        private Instant lastModifiedOn = startedOn;
        private String state = "STARTING";
        private String errorMessage;
        /** A status that an action has just set is shown once before it moves on. */
        private boolean fresh = true;

        JobRun(String id, String jobName, JsonNode request, Run<Void> work) {
            this.id = id;
            this.jobName = jobName;
            this.request = request;
            this.work = work;
        }

        void advance() {
            if (fresh) {
                fresh = false;
                return;
            }
            String before = state;
            switch (state) {
                case "STARTING" -> state = "RUNNING";
                case "RUNNING", "STOPPING" -> {
                    if (work.finished()) {
                        finish();
                    }
                }
                default -> {
                    // Terminal.
                }
            }
            if (!state.equals(before)) {
                lastModifiedOn = Instant.now();
            }
        }

        private void finish() {
            Throwable failure = work.failure();
            if (work.stopRequested()) {
                state = "STOPPED";
            } else if (failure == null) {
                state = "SUCCEEDED";
            } else {
                state = "FAILED";
                errorMessage = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
            }
        }

        /** False when the run has ended already. */
        boolean stop() {
            if (!state.equals("STARTING") && !state.equals("RUNNING")) {
                return false;
            }
            work.stop();
            state = "STOPPING";
            fresh = true;
            lastModifiedOn = Instant.now();
            return true;
        }

        ObjectNode describe() {
            ObjectNode run = Json.object();
            run.put("Id", id);
            run.put("Attempt", 0);
            run.put("JobName", jobName);
            run.put("JobMode", "SCRIPT");
            run.put("StartedOn", Json.epochSeconds(startedOn));
            run.put("LastModifiedOn", Json.epochSeconds(lastModifiedOn));
            run.put("JobRunState", state);
            run.set("Arguments", request.path("Arguments").isObject() ? request.get("Arguments") : Json.object());
            for (String echoed : List.of("WorkerType", "NumberOfWorkers", "MaxCapacity", "SecurityConfiguration")) {
                if (request.has(echoed)) {
                    run.set(echoed, request.get(echoed));
                }
            }
            run.put("Timeout", request.path("Timeout").asInt(2880));
            run.put("ExecutionClass", request.path("ExecutionClass").asString("STANDARD"));
            run.put("LogGroupName", "/aws-glue/jobs");
            boolean ended = List.of("SUCCEEDED", "FAILED", "STOPPED").contains(state);
            if (ended) {
                Instant completedOn = work.finishedAt();
                run.put("CompletedOn", Json.epochSeconds(completedOn));
                run.put("ExecutionTime", (int)
                        Duration.between(startedOn, completedOn).toSeconds());
            }
            if (errorMessage != null) {
                run.put("ErrorMessage", errorMessage);
            }
            return run;
        }
    }
}
