package com.example.credit.pipeline.aws;

import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.manifest.ModelManifestJson;
import com.example.credit.pipeline.Stages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.model.Channel.Builder;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.MetricDefinition;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatusTransition;

/**
 * The train stage on AWS: a SageMaker training job on the pushed training image (pinned by digest), the prepared
 * channels of this run as File-mode S3 channels, string hyperparameters and the metric definitions of the
 * container's log lines; {@code DescribeTrainingJob} until it ends, showing the secondary status and its message;
 * the job's {@code FailureReason} on failure. The model is then read back from its {@code model.tar.gz} into the
 * work folder, where the figures come from its {@code model.json}.
 */
final class SageMakerTrain {

    static final String STAGE = "train";

    /** The log lines the training container prints (TrainCommand), as SageMaker metric definitions. */
    static final List<MetricDefinition> METRICS = List.of(
            MetricDefinition.builder()
                    .name("train_auc_cv")
                    .regex("train_auc_cv: ([0-9.]+)")
                    .build(),
            MetricDefinition.builder()
                    .name("test_auc")
                    .regex("test_auc: ([0-9.]+)")
                    .build());

    static final int VOLUME_GB = 10;
    static final int MAX_RUNTIME_SECONDS = 3 * 3600;

    private final AwsRun run;
    private final String preparedPrefix;
    private final String image;

    SageMakerTrain(AwsRun run, String preparedPrefix, String image) {
        this.run = run;
        this.preparedPrefix = preparedPrefix;
        this.image = image;
    }

    Stages.Trained train(Map<String, String> hyperparameters, Consumer<String> progress) {
        return run.stage(STAGE, () -> result(progress), before -> start(before, hyperparameters, progress), progress);
    }

    private Stages.Trained start(
            RunRecord.Stage before, Map<String, String> hyperparameters, Consumer<String> progress) {
        String job = before.status() == RunRecord.Status.RUNNING
                ? before.resource("training_job").orElse(null)
                : null;
        if (job != null) {
            progress.accept("re-attaching to training job " + job);
        } else {
            job = run.jobName("train", STAGE);
            CreateTrainingJobRequest request = request(job, hyperparameters);
            String arn;
            try {
                arn = run.clients.sageMaker().createTrainingJob(request).trainingJobArn();
            } catch (SdkException e) {
                throw AwsFailures.explain("creating training job " + job + " (SageMaker CreateTrainingJob)", e);
            }
            run.resource(STAGE, "training_job", job);
            run.resource(STAGE, "training_job_arn", arn);
            progress.accept("training job " + job + " created on " + run.options.instanceType() + " with " + image);
        }
        String name = job;
        Poller.Poll last = run.poller.await("training job " + name, () -> poll(name), progress);
        if (last.phase() == Poller.Phase.FAILED) {
            throw new AwsJobFailedException("training job " + name + " ended " + last.status() + ": " + last.message()
                    + " (log group /aws/sagemaker/TrainingJobs, stream " + name + "/algo-1-...)");
        }
        return result(progress);
    }

    /** The CreateTrainingJob request: every field SageMaker requires, values as strings where it carries them so. */
    CreateTrainingJobRequest request(String job, Map<String, String> hyperparameters) {
        List<software.amazon.awssdk.services.sagemaker.model.Channel> channels = new ArrayList<>();
        List<Channel> wanted = new ArrayList<>(PreparedLayout.TRAINING_CHANNELS);
        for (Channel optional : PreparedLayout.OPTIONAL_TRAINING_CHANNELS) {
            if (!run.bucket.list(preparedPrefix + optional.folder() + "/").isEmpty()) {
                wanted.add(optional);
            }
        }
        for (Channel channel : wanted) {
            Builder builder = software.amazon.awssdk.services.sagemaker.model.Channel.builder()
                    .channelName(channel.folder())
                    .inputMode("File")
                    .dataSource(source -> source.s3DataSource(s3 -> s3.s3DataType("S3Prefix")
                            .s3Uri(run.bucket.uri(preparedPrefix + channel.folder() + "/"))
                            .s3DataDistributionType("FullyReplicated")));
            channels.add(builder.build());
        }
        return CreateTrainingJobRequest.builder()
                .trainingJobName(job)
                .roleArn(run.stacks.sageMakerRole())
                .algorithmSpecification(spec ->
                        spec.trainingImage(image).trainingInputMode("File").metricDefinitions(METRICS))
                .inputDataConfig(channels)
                .outputDataConfig(output -> output.s3OutputPath(run.bucket.uri("models/")))
                .resourceConfig(resources -> resources
                        .instanceType(run.options.instanceType())
                        .instanceCount(1)
                        .volumeSizeInGB(VOLUME_GB))
                .stoppingCondition(stop -> stop.maxRuntimeInSeconds(MAX_RUNTIME_SECONDS))
                .hyperParameters(new TreeMap<>(hyperparameters))
                .tags(run.tags())
                .build();
    }

    private Poller.Poll poll(String job) {
        DescribeTrainingJobResponse described;
        try {
            described = run.clients.sageMaker().describeTrainingJob(request -> request.trainingJobName(job));
        } catch (SdkException e) {
            throw AwsFailures.explain("reading training job " + job + " (SageMaker DescribeTrainingJob)", e);
        }
        String status = described.trainingJobStatusAsString();
        String secondary = described.secondaryStatusAsString();
        List<SecondaryStatusTransition> transitions = described.secondaryStatusTransitions();
        String message = transitions.isEmpty()
                ? ""
                : transitions.get(transitions.size() - 1).statusMessage();
        String shown = status + (secondary == null ? "" : " / " + secondary);
        return switch (status) {
            case "Completed" -> {
                run.resource(STAGE, "model_data", described.modelArtifacts().s3ModelArtifacts());
                if (described.billableTimeInSeconds() != null) {
                    run.figure(STAGE, "billable_seconds", described.billableTimeInSeconds());
                }
                yield new Poller.Poll(Poller.Phase.DONE, shown, message);
            }
            case "Failed", "Stopped" ->
                new Poller.Poll(
                        Poller.Phase.FAILED,
                        shown,
                        described.failureReason() == null ? "(no failure reason given)" : described.failureReason());
            default -> new Poller.Poll(Poller.Phase.RUNNING, shown, message);
        };
    }

    /** Downloads and unpacks the model into the work folder and reads its manifest. */
    private Stages.Trained result(Consumer<String> progress) {
        String modelData = run.record
                .stage(STAGE)
                .resource("model_data")
                .orElseThrow(() -> new AwsStageException("the run record has no model_data for the train stage"));
        String prefix = "s3://" + run.bucket.name() + "/";
        if (!modelData.startsWith(prefix)) {
            throw new AwsStageException("model " + modelData + " is not in the data bucket " + run.bucket.name());
        }
        Path folder = run.workDir.resolve("model");
        com.example.credit.pipeline.LocalFolders.replace(folder);
        try (InputStream archive = run.bucket.open(modelData.substring(prefix.length()))) {
            ModelArchive.extract(archive, folder, modelData);
        } catch (IOException e) {
            throw new AwsStageException("cannot read " + modelData + ": " + e.getMessage(), e);
        }
        ModelManifest manifest = ModelManifestJson.read(folder);
        progress.accept("model " + modelData + " unpacked to " + folder + ": " + manifest.metrics());
        manifest.metrics().forEach((name, value) -> run.figure(STAGE, name, value));
        return new Stages.Trained(modelData, manifest);
    }
}
