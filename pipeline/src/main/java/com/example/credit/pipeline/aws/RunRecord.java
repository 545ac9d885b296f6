package com.example.credit.pipeline.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one run on AWS did, kept as {@code runs/<run-id>/run.json} in the bucket and the work folder after every
 * change: the request, the pinned images, and for each stage its status, times, the AWS resources it created (names
 * and ARNs) and its figures. {@code --resume} reads it back: a succeeded stage is skipped, a running one re-attached
 * to its job, a failed one started again.
 */
public final class RunRecord {

    /** The record's layout; a newer one is refused rather than misread. */
    public static final int FORMAT_VERSION = 1;

    /** The stages in order. */
    public static final List<String> STAGES = List.of("generate", "prepare", "train", "serve", "batch", "report");

    /** A stage's state. */
    public enum Status {
        PENDING,
        RUNNING,
        SUCCEEDED,
        FAILED;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status parse(String value) {
            for (Status status : values()) {
                if (status.wire().equals(value)) {
                    return status;
                }
            }
            throw new AwsStageException(
                    "run record: stage status '" + value + "' is not one of pending, running," + " succeeded, failed");
        }
    }

    /**
     * One stage.
     *
     * @param status where it is
     * @param started when it started, if it did
     * @param ended when it ended, if it did
     * @param resources AWS names and ARNs it created or used (job names, ARNs, S3 URIs)
     * @param figures its numbers (rows, AUC, seconds billed)
     * @param message the failure reason, or a note
     */
    public record Stage(
            Status status,
            Optional<Instant> started,
            Optional<Instant> ended,
            Map<String, String> resources,
            Map<String, Double> figures,
            Optional<String> message) {

        public Stage {
            Objects.requireNonNull(status, "status");
            resources = java.util.Collections.unmodifiableMap(new TreeMap<>(resources));
            figures = java.util.Collections.unmodifiableMap(new TreeMap<>(figures));
        }

        static Stage pending() {
            return new Stage(Status.PENDING, Optional.empty(), Optional.empty(), Map.of(), Map.of(), Optional.empty());
        }

        /** This stage with one more resource. */
        public Stage withResource(String name, String value) {
            Map<String, String> more = new TreeMap<>(resources);
            more.put(name, value);
            return new Stage(status, started, ended, more, figures, message);
        }

        /** This stage without the named resources (what an earlier attempt left that no longer holds). */
        public Stage withoutResources(String... names) {
            Map<String, String> fewer = new TreeMap<>(resources);
            for (String name : names) {
                fewer.remove(name);
            }
            return new Stage(status, started, ended, fewer, figures, message);
        }

        /** This stage with one more figure. */
        public Stage withFigure(String name, double value) {
            Map<String, Double> more = new TreeMap<>(figures);
            more.put(name, value);
            return new Stage(status, started, ended, resources, more, message);
        }

        /** A resource by name. */
        public Optional<String> resource(String name) {
            return Optional.ofNullable(resources.get(name));
        }
    }

    private static final JsonMapper MAPPER = JsonMapper.shared();

    private final String runId;
    private final Instant created;
    private final Map<String, String> settings;
    private final Map<String, Stage> stages = new LinkedHashMap<>();

    /**
     * A new record.
     *
     * @param runId the run's id, {@code yyyyMMdd-HHmmss} in UTC
     * @param created when the run started
     * @param settings what the run was asked for and resolved once (region, stacks, bucket, mode, n, seed, images)
     */
    public RunRecord(String runId, Instant created, Map<String, String> settings) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.created = Objects.requireNonNull(created, "created");
        this.settings = new TreeMap<>(settings);
        STAGES.forEach(stage -> stages.put(stage, Stage.pending()));
    }

    public String runId() {
        return runId;
    }

    public Instant created() {
        return created;
    }

    /** A setting the run fixed at its start. */
    public synchronized Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    public synchronized Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    public synchronized Stage stage(String name) {
        Stage stage = stages.get(name);
        if (stage == null) {
            throw new IllegalArgumentException("unknown stage " + name + "; stages are " + STAGES);
        }
        return stage;
    }

    /** Replaces a stage's entry with what {@code change} makes of it. */
    public synchronized Stage update(String name, UnaryOperator<Stage> change) {
        Stage next = change.apply(stage(name));
        stages.put(name, next);
        return next;
    }

    /** Marks a stage as started (keeping the resources an earlier attempt recorded). */
    public Stage start(String name, Instant now) {
        return update(
                name,
                stage -> new Stage(
                        Status.RUNNING,
                        stage.started().or(() -> Optional.of(now)),
                        Optional.empty(),
                        stage.resources(),
                        stage.figures(),
                        Optional.empty()));
    }

    /** Marks a stage as ended. */
    public Stage end(String name, Status status, Instant now, Optional<String> message) {
        return update(
                name,
                stage -> new Stage(
                        status, stage.started(), Optional.of(now), stage.resources(), stage.figures(), message));
    }

    /** The stages that are running, with their resources: what Ctrl-C leaves behind. */
    public synchronized List<Map.Entry<String, Stage>> running() {
        List<Map.Entry<String, Stage>> running = new ArrayList<>();
        stages.forEach((name, stage) -> {
            if (stage.status() == Status.RUNNING) {
                running.add(Map.entry(name, stage));
            }
        });
        return running;
    }

    /** The record as pretty-printed JSON, stable for the same content. */
    public synchronized String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("run_id", runId);
        root.put("created", created.toString());
        ObjectNode settingsNode = root.putObject("settings");
        settings.forEach(settingsNode::put);
        ObjectNode stagesNode = root.putObject("stages");
        stages.forEach((name, stage) -> {
            ObjectNode node = stagesNode.putObject(name);
            node.put("status", stage.status().wire());
            stage.started().ifPresent(time -> node.put("started", time.toString()));
            stage.ended().ifPresent(time -> node.put("ended", time.toString()));
            ObjectNode resources = node.putObject("resources");
            stage.resources().forEach(resources::put);
            ObjectNode figures = node.putObject("figures");
            stage.figures().forEach(figures::put);
            stage.message().ifPresent(text -> node.put("message", text));
        });
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /**
     * Reads a record.
     *
     * @throws AwsStageException for invalid JSON or a newer format
     */
    public static RunRecord parse(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new AwsStageException("run record " + source + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        int format = root.path("format_version").asInt(-1);
        if (format < 1 || format > FORMAT_VERSION) {
            throw new AwsStageException("run record " + source + " has format_version " + format + "; this build reads"
                    + " 1 to " + FORMAT_VERSION);
        }
        Map<String, String> settings = new TreeMap<>();
        root.path("settings")
                .properties()
                .forEach(entry -> settings.put(entry.getKey(), entry.getValue().asString()));
        RunRecord record = new RunRecord(
                root.path("run_id").asString(),
                Instant.parse(root.path("created").asString()),
                settings);
        for (String name : STAGES) {
            JsonNode node = root.path("stages").path(name);
            if (node.isMissingNode()) {
                continue;
            }
            Map<String, String> resources = new TreeMap<>();
            node.path("resources")
                    .properties()
                    .forEach(entry ->
                            resources.put(entry.getKey(), entry.getValue().asString()));
            Map<String, Double> figures = new TreeMap<>();
            node.path("figures")
                    .properties()
                    .forEach(entry ->
                            figures.put(entry.getKey(), entry.getValue().asDouble()));
            record.stages.put(
                    name,
                    new Stage(
                            Status.parse(node.path("status").asString()),
                            time(node, "started"),
                            time(node, "ended"),
                            resources,
                            figures,
                            node.has("message")
                                    ? Optional.of(node.get("message").asString())
                                    : Optional.empty()));
        }
        return record;
    }

    private static Optional<Instant> time(JsonNode node, String field) {
        return node.has(field) ? Optional.of(Instant.parse(node.get(field).asString())) : Optional.empty();
    }
}
