package com.example.credit.pipeline.aws;

import com.example.credit.batch.BatchException;
import com.example.credit.batch.TransformJobFailedException;
import com.example.credit.batch.TransformStillRunningException;
import com.example.credit.batch.aws.PollingPolicy;
import com.example.credit.batch.aws.SageMakerTransformer;
import com.example.credit.batch.job.TransformJobSpec;
import com.example.credit.batch.job.TransformResources;
import com.example.credit.batch.report.BatchOutput;
import com.example.credit.batch.report.BatchOutputReader;
import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.pipeline.LocalFolders;
import com.example.credit.pipeline.Stages;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The batch stage on AWS: the test split's data files copied (server-side) to {@code batch/input/<run-id>/}, then
 * batch-service's AWS back end runs the same Batch Transform job the local target runs ({@code CreateTransformJob}
 * on this run's model, joined to its input, multi-record) into {@code batch/output/<run-id>/}, and the outputs are
 * downloaded into the work folder for the report.
 */
final class SageMakerBatch {

    static final String STAGE = "batch";

    private final AwsRun run;
    private final String preparedPrefix;

    SageMakerBatch(AwsRun run, String preparedPrefix) {
        this.run = run;
        this.preparedPrefix = preparedPrefix;
    }

    String inputPrefix() {
        return "batch/input/" + run.runId() + "/";
    }

    String outputPrefix() {
        return "batch/output/" + run.runId() + "/";
    }

    Path outputFolder() {
        return run.workDir.resolve("batch");
    }

    Stages.Explained batch(String modelName, Consumer<String> progress) {
        return run.stage(STAGE, () -> result(true, progress), before -> start(before, modelName, progress), progress);
    }

    private Stages.Explained start(RunRecord.Stage before, String modelName, Consumer<String> progress) {
        copyInputs(progress);
        LocalFolders.replace(outputFolder());
        SageMakerTransformer transformer = new SageMakerTransformer(
                run.clients.sageMaker(),
                run.clients.s3(),
                PollingPolicy.DEFAULT,
                run.poller.sleeper()::sleep,
                run.poller.clock(),
                line -> progress.accept(line + " (" + Poller.elapsed(Duration.between(started(), run.now())) + ")"));
        String existing = before.status() == RunRecord.Status.RUNNING
                ? before.resource("transform_job").orElse(null)
                : null;
        try {
            if (existing != null) {
                transformer.attach(spec(modelName, existing), existing, outputFolder());
            } else {
                String job = run.jobName("batch", STAGE);
                run.resource(STAGE, "transform_job", job);
                transformer.run(spec(modelName, job), outputFolder());
            }
        } catch (TransformStillRunningException e) {
            throw new StillRunningException(e.getMessage(), e);
        } catch (TransformJobFailedException e) {
            throw new AwsJobFailedException(e.getMessage() + " (log group /aws/sagemaker/TransformJobs)");
        } catch (BatchException e) {
            throw new AwsStageException(e.getMessage(), e);
        }
        return result(false, progress);
    }

    private Instant started() {
        return run.record.stage(STAGE).started().orElse(run.now());
    }

    TransformJobSpec spec(String modelName, String job) {
        return TransformJobSpec.forDatasetReport(run.bucket.uri(inputPrefix()), run.bucket.uri(outputPrefix()))
                .toBuilder()
                .jobName(job)
                .modelName(modelName)
                .resources(new TransformResources(run.options.instanceType(), 1))
                .build();
    }

    /** The data files only: the ETL's {@code _SUCCESS} markers are no input records. */
    private void copyInputs(Consumer<String> progress) {
        String from = preparedPrefix + Channel.DATA_TEST.folder() + "/";
        List<String> keys = run.bucket.list(from).stream()
                .filter(key -> PreparedLayout.isDataFile(key.substring(key.lastIndexOf('/') + 1)))
                .toList();
        if (keys.isEmpty()) {
            throw new AwsStageException("no data files below " + run.bucket.uri(from) + " to explain");
        }
        for (String key : keys) {
            run.bucket.copy(key, inputPrefix() + key.substring(from.length()));
        }
        progress.accept("copied " + keys.size() + " data file(s) of " + run.bucket.uri(from) + " to "
                + run.bucket.uri(inputPrefix()));
        run.resource(STAGE, "input", run.bucket.uri(inputPrefix()));
        run.resource(STAGE, "output", run.bucket.uri(outputPrefix()));
    }

    private Stages.Explained result(boolean download, Consumer<String> progress) {
        if (download) {
            LocalFolders.replace(outputFolder());
            run.bucket.download(outputPrefix(), outputFolder(), name -> true);
        }
        BatchOutput output = new BatchOutputReader(FeatureCatalog.standard(), JsonMapper.shared()).read(outputFolder());
        RunRecord.Stage stage = run.record.stage(STAGE);
        double seconds = Duration.between(
                                stage.started().orElse(run.now()), stage.ended().orElse(run.now()))
                        .toMillis()
                / 1000.0;
        long records = output.records().size() + output.errorLines();
        run.figure(STAGE, "records", records);
        run.figure(STAGE, "error_records", output.errorLines());
        run.figure(STAGE, "job_seconds", seconds);
        progress.accept(records + " records explained, " + output.errorLines() + " error lines, downloaded to "
                + outputFolder());
        return new Stages.Explained(
                run.bucket.uri(outputPrefix()), records, output.errorLines(), records / Math.max(seconds, 1e-9));
    }
}
