package com.example.credit.testsupport.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SageMaker training jobs: {@code CreateTrainingJob}, {@code DescribeTrainingJob}, {@code StopTrainingJob}. Not
 * thread-safe: {@link SageMakerService} holds its lock around every call.
 *
 * <p>The secondary status moves one step per Describe, as a poller sees it on SageMaker: {@code Starting},
 * {@code Downloading}, {@code Training} (held while the {@link TrainingExecutor} runs), then {@code Uploading} and
 * {@code Completed}, or {@code Failed}; after {@code StopTrainingJob}, {@code Stopping} until the executor has ended,
 * then {@code Stopped}. {@code TrainingJobStatus} follows: InProgress, Completed, Failed, Stopping, Stopped.
 */
final class TrainingJobs {

    private static final Map<String, String> MESSAGES = Map.of(
            "Starting", "Preparing the instances for training",
            "Downloading", "Downloading input data",
            "Training", "Training image download completed. Training in progress.",
            "Uploading", "Uploading generated training model",
            "Completed", "Training job completed",
            "Failed", "Training job failed",
            "Stopping", "Stopping the training job",
            "Stopped", "Training job stopped");

    private final Background background;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private TrainingExecutor executor = job -> {
        throw new IllegalStateException("the AWS stand-in has no TrainingExecutor: register one with training(...)");
    };

    TrainingJobs(Background background) {
        this.background = background;
    }

    void executor(TrainingExecutor executor) {
        this.executor = executor;
    }

    ObjectNode create(JsonNode request) {
        SageMakerService.require(
                request,
                "TrainingJobName",
                "AlgorithmSpecification",
                "RoleArn",
                "OutputDataConfig",
                "ResourceConfig",
                "StoppingCondition");
        String name = Json.text(request, "TrainingJobName");
        String arn = SageMakerService.arn("training-job", name);
        if (jobs.containsKey(name)) {
            // SageMaker's answer to a name that is taken (names are unique per account and region, forever).
            throw new AwsError(
                    400,
                    "ResourceInUse",
                    "Training job names must be unique within an AWS account and region, and a training job with "
                            + "this name already exists (" + arn + ")");
        }
        TrainingJob job = new TrainingJob(name, request);
        // The executor registered now runs this job, even if the test registers another one meanwhile.
        TrainingExecutor current = executor;
        jobs.put(name, new Job(job, arn, background.start(() -> current.train(job))));
        ObjectNode answer = Json.object();
        answer.put("TrainingJobArn", arn);
        return answer;
    }

    ObjectNode describe(JsonNode request) {
        Job job = job(Json.text(request, "TrainingJobName"));
        job.advance();
        return job.describe();
    }

    ObjectNode stop(JsonNode request) {
        Job job = job(Json.text(request, "TrainingJobName"));
        if (!job.status().equals("InProgress")) {
            throw AwsError.validation(
                    "The request was rejected because the training job is in status " + job.status() + ".");
        }
        job.work.stop();
        job.move("Stopping");
        job.fresh = true;
        return Json.object();
    }

    private Job job(String name) {
        Job job = name == null ? null : jobs.get(name);
        if (job == null) {
            // What SageMaker answers for a training job it does not have.
            throw AwsError.validation("Requested resource not found.");
        }
        return job;
    }

    private static final class Job {

        private final TrainingJob job;
        private final String arn;
        private final Run<Map<String, Double>> work;
        private final Instant created = Instant.now();
        private final ArrayNode transitions = Json.MAPPER.createArrayNode();
        private Instant lastModified = created;
        private String secondary;
        private String failureReason;
        /** A status that an action has just set is shown once before it moves on. */
        private boolean fresh = true;

        Job(TrainingJob job, String arn, Run<Map<String, Double>> work) {
            this.job = job;
            this.arn = arn;
            this.work = work;
            move("Starting");
        }

        void advance() {
            if (fresh) {
                fresh = false;
                return;
            }
            switch (secondary) {
                case "Starting" -> move("Downloading");
                case "Downloading" -> move("Training");
                case "Training" -> {
                    if (work.finished()) {
                        Throwable failure = work.failure();
                        if (failure == null) {
                            move("Uploading");
                        } else {
                            failureReason = Json.failureReason(failure);
                            move("Failed");
                        }
                    }
                }
                case "Uploading" -> move("Completed");
                case "Stopping" -> {
                    if (work.finished()) {
                        move("Stopped");
                    }
                }
                default -> {
                    // Terminal.
                }
            }
        }

        /** Ends the current transition and starts the next one, as SecondaryStatusTransitions lists them. */
        void move(String status) {
            Instant now = Instant.now();
            if (!transitions.isEmpty()) {
                ((ObjectNode) transitions.get(transitions.size() - 1)).put("EndTime", Json.epochSeconds(now));
            }
            ObjectNode transition = transitions.addObject();
            transition.put("Status", status);
            transition.put("StartTime", Json.epochSeconds(now));
            transition.put("StatusMessage", MESSAGES.get(status));
            if (terminal(status)) {
                transition.put("EndTime", Json.epochSeconds(now));
            }
            secondary = status;
            lastModified = now;
        }

        String status() {
            return switch (secondary) {
                case "Completed", "Failed", "Stopping", "Stopped" -> secondary;
                default -> "InProgress";
            };
        }

        private static boolean terminal(String status) {
            return status.equals("Completed") || status.equals("Failed") || status.equals("Stopped");
        }

        ObjectNode describe() {
            ObjectNode answer = SageMakerService.echo(job.request());
            answer.put("TrainingJobArn", arn);
            answer.put("TrainingJobStatus", status());
            answer.put("SecondaryStatus", secondary);
            answer.set("SecondaryStatusTransitions", transitions.deepCopy());
            answer.put("CreationTime", Json.epochSeconds(created));
            answer.put("LastModifiedTime", Json.epochSeconds(lastModified));
            answer.put("TrainingStartTime", Json.epochSeconds(created));
            if (failureReason != null) {
                answer.put("FailureReason", failureReason);
            }
            if (terminal(secondary)) {
                Instant end = work.finishedAt();
                answer.put("TrainingEndTime", Json.epochSeconds(end));
                // SageMaker bills whole seconds, at least one.
                long seconds = Math.max(1, (Duration.between(created, end).toMillis() + 999) / 1000);
                answer.put("TrainingTimeInSeconds", seconds);
                answer.put("BillableTimeInSeconds", seconds);
            }
            if (secondary.equals("Completed")) {
                answer.putObject("ModelArtifacts").put("S3ModelArtifacts", job.modelArtifact());
                ArrayNode metrics = answer.putArray("FinalMetricDataList");
                Map<String, Double> values = work.value() == null ? Map.of() : new TreeMap<>(work.value());
                values.forEach((metric, value) -> {
                    // JSON has no NaN or infinity; SageMaker would not report such a metric either.
                    if (value != null && Double.isFinite(value)) {
                        ObjectNode entry = metrics.addObject();
                        entry.put("MetricName", metric);
                        entry.put("Value", value);
                        entry.put("Timestamp", Json.epochSeconds(work.finishedAt()));
                    }
                });
            }
            return answer;
        }
    }
}
