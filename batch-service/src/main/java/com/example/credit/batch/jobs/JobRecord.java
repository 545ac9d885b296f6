package com.example.credit.batch.jobs;

import com.example.credit.batch.job.TransformJobJson;
import com.example.credit.batch.job.TransformJobSpec;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One job and everything known about it; saved as JSON after every change (see {@link JobStore}).
 *
 * @param id the job's id in the API
 * @param backend where it runs
 * @param state where it is
 * @param spec the job as submitted
 * @param explainer the explainer a local job calls, or {@code null} for an AWS job
 * @param awsJobName the SageMaker job name of an AWS job, or {@code null}
 * @param awsCreated whether CreateTransformJob has succeeded for it
 * @param awsStatus SageMaker's last status line of an AWS job, or {@code null}
 * @param submitted when it was accepted
 * @param started when its current attempt started, or {@code null}
 * @param ended when it ended, or {@code null}
 * @param progress a local job's progress, or {@code null}
 * @param errors why it failed: failed files with their reasons, SageMaker's failure reason
 * @param notes what happened to it besides: resumed after a restart, stopped with files kept
 * @param attempts how many times it started (more than one after a restart)
 */
public record JobRecord(
        String id,
        JobBackend backend,
        JobState state,
        TransformJobSpec spec,
        URI explainer,
        String awsJobName,
        boolean awsCreated,
        String awsStatus,
        Instant submitted,
        Instant started,
        Instant ended,
        JobProgress progress,
        List<String> errors,
        List<String> notes,
        int attempts) {

    public JobRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(submitted, "submitted");
        errors = List.copyOf(errors);
        notes = List.copyOf(notes);
    }

    /** A job just accepted. */
    static JobRecord queued(
            String id, JobBackend backend, TransformJobSpec spec, URI explainer, String awsJobName, Instant now) {
        return new JobRecord(
                id,
                backend,
                JobState.QUEUED,
                spec,
                explainer,
                awsJobName,
                false,
                null,
                now,
                null,
                null,
                null,
                List.of(),
                List.of(),
                0);
    }

    JobRecord withState(JobState newState) {
        Copy copy = new Copy(this);
        copy.state = newState;
        return copy.build();
    }

    JobRecord starting(Instant now) {
        Copy copy = new Copy(this);
        copy.state = JobState.RUNNING;
        copy.started = now;
        copy.ended = null;
        copy.attempts = attempts + 1;
        return copy.build();
    }

    JobRecord ending(JobState end, Instant now, List<String> newErrors) {
        Copy copy = new Copy(this);
        copy.state = end;
        copy.ended = now;
        copy.errors = newErrors;
        return copy.build();
    }

    JobRecord withProgress(JobProgress newProgress) {
        Copy copy = new Copy(this);
        copy.progress = newProgress;
        return copy.build();
    }

    JobRecord created() {
        Copy copy = new Copy(this);
        copy.awsCreated = true;
        return copy.build();
    }

    JobRecord withAwsStatus(String status) {
        Copy copy = new Copy(this);
        copy.awsStatus = status;
        return copy.build();
    }

    JobRecord noting(String note) {
        Copy copy = new Copy(this);
        copy.notes = new ArrayList<>(notes);
        copy.notes.add(note);
        return copy.build();
    }

    /** The parts of a record that change over a job's life, copied to change one or two of them. */
    private static final class Copy {
        private final JobRecord from;
        private JobState state;
        private boolean awsCreated;
        private String awsStatus;
        private Instant started;
        private Instant ended;
        private JobProgress progress;
        private List<String> errors;
        private List<String> notes;
        private int attempts;

        Copy(JobRecord from) {
            this.from = from;
            state = from.state;
            awsCreated = from.awsCreated;
            awsStatus = from.awsStatus;
            started = from.started;
            ended = from.ended;
            progress = from.progress;
            errors = from.errors;
            notes = from.notes;
            attempts = from.attempts;
        }

        JobRecord build() {
            return new JobRecord(
                    from.id,
                    from.backend,
                    state,
                    from.spec,
                    from.explainer,
                    from.awsJobName,
                    awsCreated,
                    awsStatus,
                    from.submitted,
                    started,
                    ended,
                    progress,
                    errors,
                    notes,
                    attempts);
        }
    }

    /** The record as JSON: the API's view and the saved state alike. */
    public ObjectNode toJson(JsonMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", id);
        json.put("backend", backend.wireName());
        json.put("state", state.name());
        json.put("input", spec.input());
        json.put("output", spec.output());
        json.put("explainer", explainer == null ? null : explainer.toString());
        json.put("aws_job_name", awsJobName);
        json.put("aws_created", awsCreated);
        json.put("aws_status", awsStatus);
        json.put("submitted", submitted.toString());
        json.put("started", started == null ? null : started.toString());
        json.put("ended", ended == null ? null : ended.toString());
        if (progress == null) {
            json.putNull("progress");
        } else {
            ObjectNode node = json.putObject("progress");
            node.put("records_done", progress.recordsDone());
            node.put("records_total", progress.recordsTotal());
            node.put("error_records", progress.errorRecords());
            node.put("records_per_second", progress.recordsPerSecond());
            node.put("seconds_left", progress.secondsLeft());
        }
        ArrayNode errorList = json.putArray("errors");
        errors.forEach(errorList::add);
        ArrayNode noteList = json.putArray("notes");
        notes.forEach(noteList::add);
        json.put("attempts", attempts);
        json.set("job", TransformJobJson.write(spec, mapper));
        return json;
    }

    /** Reads what {@link #toJson} wrote. */
    public static JobRecord fromJson(JsonNode json) {
        JsonNode progress = json.path("progress");
        List<String> errors = new ArrayList<>();
        json.path("errors").forEach(node -> errors.add(node.asString()));
        List<String> notes = new ArrayList<>();
        json.path("notes").forEach(node -> notes.add(node.asString()));
        return new JobRecord(
                json.path("id").asString(),
                JobBackend.parse(json.path("backend").asString()),
                JobState.valueOf(json.path("state").asString()),
                TransformJobJson.read(json.path("job")),
                json.path("explainer").isString()
                        ? URI.create(json.path("explainer").asString())
                        : null,
                json.path("aws_job_name").isString() ? json.path("aws_job_name").asString() : null,
                json.path("aws_created").asBoolean(false),
                json.path("aws_status").isString() ? json.path("aws_status").asString() : null,
                Instant.parse(json.path("submitted").asString()),
                json.path("started").isString()
                        ? Instant.parse(json.path("started").asString())
                        : null,
                json.path("ended").isString() ? Instant.parse(json.path("ended").asString()) : null,
                progress.isObject()
                        ? new JobProgress(
                                progress.path("records_done").asLong(),
                                progress.path("records_total").asLong(),
                                progress.path("error_records").asLong(),
                                progress.path("records_per_second").asDouble(),
                                progress.path("seconds_left").isNumber()
                                        ? progress.path("seconds_left").asLong()
                                        : null)
                        : null,
                errors,
                notes,
                json.path("attempts").asInt());
    }
}
