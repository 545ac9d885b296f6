package com.example.credit.testsupport.aws;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SageMaker batch transform jobs: {@code CreateTransformJob}, {@code DescribeTransformJob},
 * {@code StopTransformJob}. Not thread-safe: {@link SageMakerService} holds its lock around every call.
 *
 * <p>{@code InProgress} while the {@link TransformExecutor} runs, then {@code Completed} or {@code Failed} (with
 * {@code FailureReason}); after {@code StopTransformJob}, {@code Stopping} until the executor has ended, then
 * {@code Stopped}. A terminal status shows only from the Describe after the executor has ended.
 */
final class TransformJobs {

    private final Background background;
    private final Endpoints models;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private TransformExecutor executor = job -> {
        throw new IllegalStateException("the AWS stand-in has no TransformExecutor: register one with transform(...)");
    };

    TransformJobs(Background background, Endpoints models) {
        this.background = background;
        this.models = models;
    }

    void executor(TransformExecutor executor) {
        this.executor = executor;
    }

    ObjectNode create(JsonNode request) {
        SageMakerService.require(
                request, "TransformJobName", "ModelName", "TransformInput", "TransformOutput", "TransformResources");
        String name = Json.text(request, "TransformJobName");
        String arn = SageMakerService.arn("transform-job", name);
        if (jobs.containsKey(name)) {
            throw new AwsError(
                    400,
                    "ResourceInUse",
                    "Job name must be unique within an AWS account and region, and a job with this name already "
                            + "exists (" + arn + ")");
        }
        // SageMaker checks the model when the job is created ("Could not find model ...").
        TransformJob job = new TransformJob(name, models.hostedModel(Json.text(request, "ModelName"), null), request);
        TransformExecutor current = executor;
        jobs.put(name, new Job(job, arn, background.start(() -> {
            current.transform(job);
            return null;
        })));
        ObjectNode answer = Json.object();
        answer.put("TransformJobArn", arn);
        return answer;
    }

    ObjectNode describe(JsonNode request) {
        Job job = job(Json.text(request, "TransformJobName"));
        job.advance();
        return job.describe();
    }

    ObjectNode stop(JsonNode request) {
        Job job = job(Json.text(request, "TransformJobName"));
        if (job.status.equals("InProgress")) {
            job.work.stop();
            job.status = "Stopping";
            job.fresh = true;
        }
        return Json.object();
    }

    private Job job(String name) {
        Job job = name == null ? null : jobs.get(name);
        if (job == null) {
            throw AwsError.validation("Could not find requested job with name " + name);
        }
        return job;
    }

    private static final class Job {

        private final TransformJob job;
        private final String arn;
        private final Run<Void> work;
        private final Instant created = Instant.now();
        private String status = "InProgress";
        private String failureReason;
        /** A status that an action has just set is shown once before it moves on. */
        private boolean fresh = true;

        Job(TransformJob job, String arn, Run<Void> work) {
            this.job = job;
            this.arn = arn;
            this.work = work;
        }

        void advance() {
            if (fresh) {
                fresh = false;
                return;
            }
            if (!work.finished() || !(status.equals("InProgress") || status.equals("Stopping"))) {
                return;
            }
            Throwable failure = work.failure();
            if (status.equals("Stopping")) {
                status = "Stopped";
            } else if (failure == null) {
                status = "Completed";
            } else {
                status = "Failed";
                failureReason = Json.failureReason(failure);
            }
        }

        ObjectNode describe() {
            ObjectNode answer = SageMakerService.echo(job.request());
            answer.put("TransformJobArn", arn);
            answer.put("TransformJobStatus", status);
            if (failureReason != null) {
                answer.put("FailureReason", failureReason);
            }
            answer.put("CreationTime", Json.epochSeconds(created));
            answer.put("TransformStartTime", Json.epochSeconds(created));
            if (status.equals("Completed") || status.equals("Failed") || status.equals("Stopped")) {
                answer.put("TransformEndTime", Json.epochSeconds(work.finishedAt()));
            }
            return answer;
        }
    }
}
