package com.example.credit.pipeline.aws;

import com.example.credit.batch.report.DatasetReport;
import com.example.credit.batch.report.ReportSummary;
import com.example.credit.batch.runs.BiasSettings;
import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.datagen.generate.GenerationRequest;
import com.example.credit.pipeline.GlobalExplanations;
import com.example.credit.pipeline.LocalFolders;
import com.example.credit.pipeline.PipelineException;
import com.example.credit.pipeline.PipelineOptions;
import com.example.credit.pipeline.Stages;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The AWS target: the same six stages on the deployed stacks, through the AWS SDK — the datagen Lambda, the Glue job,
 * a SageMaker training job, model, endpoint (created or updated) and Batch Transform job — every name read from the
 * stacks' outputs. Each stage is recorded in the run record ({@code runs/<run-id>/run.json}) as it goes, so that
 * {@code --resume} skips what finished and re-attaches to what still runs, and Ctrl-C can say which jobs are left.
 */
public final class AwsStages implements Stages {

    static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final AwsRun run;
    private final PipelineOptions options;
    private final LambdaGenerate generate;
    private final GluePrepare prepare;
    private final SageMakerTrain train;
    private final SageMakerServe serve;
    private final SageMakerBatch batch;
    private final Thread interruptNotice;
    private final java.util.concurrent.atomic.AtomicBoolean noticePrinted =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final boolean ownsClients;

    private AwsStages(AwsRun run, PipelineOptions options, boolean ownsClients) {
        this.run = run;
        this.options = options;
        this.ownsClients = ownsClients;
        this.generate = new LambdaGenerate(run);
        this.prepare = new GluePrepare(run, generate.prefix());
        this.train = new SageMakerTrain(
                run, prepare.prefix(), run.record.setting("training_image").orElseThrow());
        this.serve =
                new SageMakerServe(run, run.record.setting("explainer_image").orElseThrow());
        this.batch = new SageMakerBatch(run, prepare.prefix());
        this.interruptNotice = new Thread(this::printWhatStillRuns, "aws-run-interrupted");
        Runtime.getRuntime().addShutdownHook(interruptNotice);
    }

    /** The AWS target on the default credentials chain. */
    public static AwsStages open(PipelineOptions options, PrintStream out) {
        AwsClients clients = AwsClients.forAws(options.aws().region());
        try {
            return open(options, out, clients, Poller.standard(), Clock.systemUTC(), true);
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
    }

    /**
     * The AWS target on the given clients: reads the stacks, starts or resumes the run record, and pins the images.
     *
     * @throws AwsStageException for missing stacks, images, credentials or permissions, before anything starts
     */
    static AwsStages open(
            PipelineOptions options,
            PrintStream out,
            AwsClients clients,
            Poller poller,
            Clock clock,
            boolean ownsClients) {
        // The run is named after the moment the command started, before the first call.
        java.time.Instant started = clock.instant();
        AwsOptions aws = options.aws();
        String region = clients.region().id();
        out.println("AWS target: region " + region + ", stacks " + aws.stackPrefix() + "{Data,Etl,Model}");
        DeployedStacks stacks = DeployedStacks.read(clients.cloudFormation(), aws.stackPrefix(), region);
        out.println("  bucket " + stacks.bucket() + ", datagen " + stacks.datagenFunction() + ", Glue job "
                + stacks.etlJob());
        RunRecord record;
        if (aws.resume().isPresent()) {
            record = load(clients, stacks, options.workDir(), aws.resume().get());
            out.println("  resuming run " + record.runId() + ": " + summary(record));
        } else {
            Map<String, String> settings = new TreeMap<>();
            settings.put("region", region);
            settings.put("stack_prefix", aws.stackPrefix());
            settings.put("bucket", stacks.bucket());
            settings.put("mode", options.mode());
            options.n().ifPresent(n -> settings.put("n", Long.toString(n)));
            settings.put("seed", Long.toString(options.seed()));
            settings.put("endpoint_name", aws.endpointName());
            settings.put("instance_type", aws.instanceType());
            settings.put("image_tag", aws.imageTag());
            settings.put(
                    "training_image",
                    PushedImages.pin(clients.ecr(), stacks.trainingRepository(), aws.imageTag(), "training-service"));
            settings.put(
                    "explainer_image",
                    PushedImages.pin(clients.ecr(), stacks.explainerRepository(), aws.imageTag(), "explainer-service"));
            record = new RunRecord(RUN_ID.format(started), started, settings);
            out.println("  run " + record.runId() + ", images " + settings.get("training_image") + " and "
                    + settings.get("explainer_image"));
        }
        PipelineOptions resolved = resolve(options, record);
        // A resumed run keeps the endpoint, instance type and image tag it started with; the command line still
        // decides the region, the stacks and whether the endpoint stays.
        AwsOptions settings = new AwsOptions(
                aws.stackPrefix(),
                aws.region(),
                aws.resume(),
                aws.keepEndpoint(),
                record.setting("endpoint_name").orElse(aws.endpointName()),
                record.setting("image_tag").orElse(aws.imageTag()),
                record.setting("instance_type").orElse(aws.instanceType()));
        resolved = resolved.onAws(settings);
        AwsRun run = new AwsRun(clients, stacks, record, poller, clock, options.workDir(), out, settings);
        run.save();
        out.println("  run record " + run.bucket.uri(AwsRun.recordKey(record.runId())) + " and "
                + AwsRun.recordFile(options.workDir(), record.runId()));
        return new AwsStages(run, resolved, ownsClients);
    }

    /** The options the run goes on with: a resumed run keeps the mode, size and seed it started with. */
    public PipelineOptions options() {
        return options;
    }

    /** The run's id. */
    public String runId() {
        return run.runId();
    }

    @Override
    public String description() {
        return "AWS " + run.clients.region() + " (Lambda " + run.stacks.datagenFunction() + ", Glue "
                + run.stacks.etlJob() + ", SageMaker on " + run.options.instanceType() + "), run " + run.runId();
    }

    @Override
    public String label() {
        return "SageMaker";
    }

    @Override
    public String sparkLabel() {
        return "AWS Glue";
    }

    @Override
    public Generated generate(GenerationRequest request, Consumer<String> progress) {
        return generate.generate(request, progress);
    }

    @Override
    public Prepared prepare(long seed, Consumer<String> progress) {
        return prepare.prepare(seed, progress);
    }

    @Override
    public Map<String, String> tune(
            int trials, long seed, Map<String, String> hyperparameters, Consumer<String> progress) {
        throw new AwsStageException("tuning on AWS is SageMaker Automatic Model Tuning (docs/deploy.md, section 5.2)");
    }

    @Override
    public Trained train(Map<String, String> hyperparameters, Consumer<String> progress) {
        return train.train(hyperparameters, progress);
    }

    @Override
    public Served serve(Consumer<String> progress) {
        String modelData = run.record
                .stage(SageMakerTrain.STAGE)
                .resource("model_data")
                .orElseThrow(() -> new AwsStageException("no trained model in run " + run.runId()));
        return serve.serve(modelData, progress);
    }

    @Override
    public Explained batch(Served served, Consumer<String> progress) {
        return batch.batch(serve.modelName(), progress);
    }

    @Override
    public ReportSummary report(Consumer<String> progress) {
        return run.stage("report", () -> writeReport(progress), before -> writeReport(progress), progress);
    }

    private ReportSummary writeReport(Consumer<String> progress) {
        Path labels = new PreparedLayout(run.workDir.resolve("prepared")).folder(Channel.LABEL_TEST);
        LocalFolders.replace(labels);
        String labelPrefix = prepare.prefix() + Channel.LABEL_TEST.folder() + "/";
        List<Path> files = run.bucket.download(labelPrefix, labels, PreparedLayout::isDataFile);
        progress.accept("downloaded " + files.size() + " label file(s) of " + run.bucket.uri(labelPrefix));
        Path protectedTest = new PreparedLayout(run.workDir.resolve("prepared")).folder(Channel.PROTECTED_TEST);
        LocalFolders.replace(protectedTest);
        String protectedPrefix = prepare.prefix() + Channel.PROTECTED_TEST.folder() + "/";
        List<Path> protectedFiles = run.bucket.download(protectedPrefix, protectedTest, PreparedLayout::isDataFile);
        progress.accept("downloaded " + protectedFiles.size() + " protected-attribute file(s) of "
                + run.bucket.uri(protectedPrefix) + " (for the fairness aggregates only)");
        Path html = run.workDir.resolve("report").resolve("report.html");
        if (protectedFiles.isEmpty()) {
            // Prepared data of an older ETL: a report without the fairness section, as the summary then says.
            progress.accept("no protected attributes under " + run.bucket.uri(protectedPrefix)
                    + ": the report has no fairness section");
        }
        // With the model too: the report's global explanations (the model's partial dependence beside SHAP's).
        ReportSummary summary = DatasetReport.write(
                batch.outputFolder(),
                labels,
                protectedFiles.isEmpty() ? null : protectedTest,
                BiasSettings.DEFAULT,
                GlobalExplanations.modelFolder(run.workDir.resolve("model"), progress),
                html);
        com.example.credit.pipeline.PreTrainingAnalysis.add(summary, run.workDir.resolve("model"));
        String key = "runs/" + run.runId() + "/report.html";
        run.bucket.upload(key, html, "text/html; charset=utf-8");
        for (Path file : java.util.stream.Stream.of(summary.biasPost(), summary.clarifyAnalysis())
                .flatMap(java.util.Optional::stream)
                .toList()) {
            String fileKey = "runs/" + run.runId() + "/" + file.getFileName();
            run.bucket.upload(fileKey, file, "application/json");
            run.resource("report", file.getFileName().toString(), run.bucket.uri(fileKey));
        }
        run.resource("report", "report", run.bucket.uri(key));
        run.figure("report", "auc", summary.auc());
        progress.accept("report " + html + ", also " + run.bucket.uri(key));
        return summary;
    }

    @Override
    public List<String> closingLines() {
        List<String> lines = new ArrayList<>();
        Map<String, Double> trained = run.record.stage(SageMakerTrain.STAGE).figures();
        Map<String, Double> served = run.record.stage(SageMakerServe.STAGE).figures();
        Map<String, Double> explained = run.record.stage(SageMakerBatch.STAGE).figures();
        lines.add(String.format(
                Locale.ROOT,
                "%-17s training %.3f (billable), endpoint %.3f, batch %.3f (job wall time) on %s",
                "instance-hours",
                trained.getOrDefault("billable_seconds", 0.0) / 3600,
                served.getOrDefault("endpoint_instance_hours", 0.0),
                explained.getOrDefault("job_seconds", 0.0) / 3600,
                run.options.instanceType()));
        lines.add(String.format(
                Locale.ROOT,
                "%-17s %s",
                "endpoint",
                run.options.keepEndpoint()
                        ? run.options.endpointName() + " kept in service (--keep-endpoint)"
                        : run.options.endpointName() + " deleted; model " + serve.modelName() + " kept"));
        lines.add(String.format(
                Locale.ROOT,
                "%-17s %s (also %s)",
                "run record",
                run.bucket.uri(AwsRun.recordKey(run.runId())),
                AwsRun.recordFile(run.workDir, run.runId())));
        return lines;
    }

    @Override
    public void close() {
        try {
            run.save();
        } catch (RuntimeException e) {
            run.out.println("      could not save the run record at the end: " + e.getMessage());
        }
        try {
            Runtime.getRuntime().removeShutdownHook(interruptNotice);
        } catch (IllegalStateException e) {
            // The JVM is shutting down already: the hook prints the notice.
        }
        // A run that ends while a job still runs (a wait that timed out) says so as Ctrl-C does.
        printWhatStillRuns();
        if (ownsClients) {
            run.clients.close();
        }
    }

    /** What Ctrl-C (or any exit before the end) leaves running on AWS, and how to stop or resume it; once. */
    private void printWhatStillRuns() {
        List<String> lines = stillRunning(run.record, run.options);
        if (lines.isEmpty() || !noticePrinted.compareAndSet(false, true)) {
            return;
        }
        PrintStream err = System.err;
        err.println();
        err.println("pipeline: stopped waiting; on AWS these are still running:");
        lines.forEach(line -> err.println("  " + line));
        err.println("continue with: ./run-pipeline.sh --target aws --resume " + run.runId() + " --region "
                + run.clients.region());
    }

    /**
     * The running jobs of a record, and an endpoint of the run left in service, each with the command that stops it
     * or shows it.
     */
    static List<String> stillRunning(RunRecord record, AwsOptions options) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, RunRecord.Stage> entry : record.running()) {
            RunRecord.Stage stage = entry.getValue();
            switch (entry.getKey()) {
                case "generate" ->
                    stage.resource("function")
                            .ifPresent(function -> lines.add(
                                    "the datagen Lambda " + function + " finishes on its own (at most 15 minutes)"));
                case "prepare" ->
                    stage.resource("job_run_id")
                            .ifPresent(
                                    id -> lines.add("Glue job run " + id + ": aws glue batch-stop-job-run --job-name "
                                            + stage.resource("job").orElse("?") + " --job-run-ids " + id));
                case "train" ->
                    stage.resource("training_job")
                            .ifPresent(job -> lines.add("training job " + job
                                    + ": aws sagemaker stop-training-job --training-job-name " + job));
                case "serve" ->
                    stage.resource("endpoint")
                            .filter(endpoint ->
                                    stage.resource("in_service_since").isEmpty())
                            .ifPresent(endpoint -> lines.add("endpoint " + endpoint + " is being created or updated:"
                                    + " aws sagemaker describe-endpoint --endpoint-name " + endpoint));
                case "batch" ->
                    stage.resource("transform_job")
                            .ifPresent(job -> lines.add("transform job " + job
                                    + ": aws sagemaker stop-transform-job --transform-job-name " + job));
                default -> {}
            }
        }
        RunRecord.Stage served = record.stage(SageMakerServe.STAGE);
        // Only an endpoint that came into service on this run's configuration: not a rolled-back or failed one.
        if (served.resource("in_service_since").isPresent()
                && served.resource("endpoint_deleted").isEmpty()
                && !options.keepEndpoint()) {
            String endpoint = served.resource("endpoint").orElseThrow();
            lines.add("endpoint " + endpoint + " (bills by the hour): aws sagemaker delete-endpoint --endpoint-name "
                    + endpoint);
        }
        return lines;
    }

    private static PipelineOptions resolve(PipelineOptions options, RunRecord record) {
        String mode = record.setting("mode").orElse(options.mode());
        OptionalLong n = record.setting("n")
                .map(value -> OptionalLong.of(Long.parseLong(value)))
                .orElse(OptionalLong.empty());
        long seed = record.setting("seed").map(Long::parseLong).orElse(options.seed());
        return new PipelineOptions(
                        mode, n, seed, options.workDir(), options.store(), options.runtime(), options.tuneTrials())
                .onAws(options.aws());
    }

    private static RunRecord load(AwsClients clients, DeployedStacks stacks, Path workDir, String runId) {
        Bucket bucket = new Bucket(clients.s3(), stacks.bucket());
        Optional<String> json = bucket.read(AwsRun.recordKey(runId));
        String source = bucket.uri(AwsRun.recordKey(runId));
        if (json.isEmpty()) {
            Path local = AwsRun.recordFile(workDir, runId);
            if (!Files.exists(local)) {
                throw new AwsStageException(
                        "run " + runId + " has no record in " + source + " nor " + local + ": nothing to resume");
            }
            try {
                json = Optional.of(Files.readString(local));
                source = local.toString();
            } catch (IOException e) {
                throw new PipelineException("cannot read " + local + ": " + e.getMessage(), e);
            }
        }
        return RunRecord.parse(json.get(), source);
    }

    private static String summary(RunRecord record) {
        StringBuilder text = new StringBuilder();
        for (String stage : RunRecord.STAGES) {
            text.append(text.isEmpty() ? "" : ", ")
                    .append(stage)
                    .append(' ')
                    .append(record.stage(stage).status().name().toLowerCase(Locale.ROOT));
        }
        return text.toString();
    }
}
