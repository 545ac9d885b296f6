package com.example.credit.pipeline;

import com.example.credit.batch.job.TransformJobSpec;
import com.example.credit.batch.local.LocalTransformer;
import com.example.credit.batch.local.ProgressListener;
import com.example.credit.batch.local.TransformResult;
import com.example.credit.batch.report.DatasetReport;
import com.example.credit.batch.report.ReportSummary;
import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.datagen.Datagen;
import com.example.credit.datagen.generate.GenerationRequest;
import com.example.credit.datagen.generate.Mode;
import com.example.credit.datagen.output.DatasetTarget;
import com.example.credit.datagen.output.DatasetTargets;
import com.example.credit.datagen.output.Manifest;
import com.example.credit.datagen.output.OutputLocation;
import com.example.credit.datagen.output.S3Settings;
import com.example.credit.etl.EtlJob;
import com.example.credit.etl.EtlOptions;
import com.example.credit.etl.EtlResult;
import com.example.credit.pipeline.container.SageMakerLocal;
import com.example.credit.training.TuningJob;
import com.example.credit.training.data.ChannelLayout;
import com.example.credit.training.model.TrainingMetrics;
import com.example.credit.training.model.Tuner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The local main job: generate the raw datasets, prepare them with Spark in local mode, train the model, serve
 * it, explain the whole test set through the Batch Transform semantics and write the dataset report, each step
 * with the same seed, printing progress and a summary. Thin: every step is the module's own code. Training and
 * serving run in-process or, in SageMaker local mode, from their images (see {@link ModelRuntime}).
 */
public final class LocalPipeline {

    /**
     * A seeded random search ({@link Tuner#randomCandidates}, seeded by the run's seed) on the training split;
     * writes and shows the leaderboard and returns the run's hyperparameters with the winner's over them.
     */
    private static Map<String, String> tune(PipelineOptions options, StepLog steps) {
        List<Tuner.Trial> ranked = new TuningJob(FeatureCatalog.standard(), line -> {})
                .run(
                        new ChannelLayout(options.preparedDir()),
                        options.hyperparameters(),
                        Tuner.randomCandidates(options.tuneTrials(), options.seed()));
        List<String> board = Tuner.leaderboard(ranked, 10);
        board.forEach(steps::detail);
        try {
            Files.writeString(
                    options.tuningReport(), String.join("\n", Tuner.leaderboard(ranked, ranked.size())) + "\n");
        } catch (IOException e) {
            throw new PipelineException("cannot write " + options.tuningReport() + ": " + e.getMessage(), e);
        }
        Map<String, String> chosen = new TreeMap<>(options.hyperparameters());
        chosen.putAll(ranked.get(0).overrides());
        steps.detail("training the best candidate: " + ranked.get(0).overrides());
        return chosen;
    }

    private static final int STEPS = 6;

    /** The system property that names the file log4j2.properties writes the log to. */
    static final String LOG_FILE_PROPERTY = "pipeline.log.file";

    private final PrintStream out;

    public LocalPipeline(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        if (PipelineArguments.wantsHelp(args)) {
            System.out.print(PipelineArguments.USAGE);
            return;
        }
        PipelineOptions options;
        try {
            options = PipelineArguments.parse(args);
        } catch (PipelineException e) {
            System.err.println("pipeline: " + e.getMessage());
            System.exit(1);
            return;
        }
        // Set before anything logs: log4j2 reads it when it configures itself, on the first logger.
        Path log = Path.of(System.getProperty(
                LOG_FILE_PROPERTY,
                options.logFile().toAbsolutePath().normalize().toString()));
        System.setProperty(LOG_FILE_PROPERTY, log.toString());
        try {
            PipelineSummary summary = new LocalPipeline(System.out).run(options);
            System.out.print(summary.render());
            System.out.printf("  %-17s %s%n", "log", log);
        } catch (PipelineException e) {
            System.err.println("pipeline: " + e.getMessage() + (Files.exists(log) ? " (log: " + log + ")" : ""));
            System.exit(1);
        }
    }

    /** Runs every step and returns what they produced. */
    public PipelineSummary run(PipelineOptions options) {
        long start = System.nanoTime();
        StepLog steps = new StepLog(out, STEPS + (options.tuneTrials() > 0 ? 1 : 0));
        prepareWorkDir(options);
        EmbeddedS3 s3 = null;
        try {
            if (options.store() == PipelineOptions.Store.S3) {
                out.println("starting an S3-compatible store on loopback (S3Mock)");
                s3 = EmbeddedS3.start(options.s3StoreDir());
                out.println("  " + s3.endpoint() + ", bucket " + EmbeddedS3.BUCKET);
            }
            EmbeddedS3 store = s3;
            ModelRuntime runtime = runtime(options);

            StepLog.Timed<Manifest> raw =
                    steps.run("generate " + describe(options), () -> generate(options, store, steps));
            long applicants = raw.value().credits();

            StepLog.Timed<EtlResult> etl =
                    steps.run("prepare with Spark (local)", () -> prepare(options, store, steps));
            steps.detail(etl.value().trainRows() + " train and " + etl.value().testRows() + " test rows");

            Map<String, String> hyperparameters = options.hyperparameters();
            if (options.tuneTrials() > 0) {
                hyperparameters = steps.run(
                                "tune: " + options.tuneTrials()
                                        + " candidates by cross-validation on the training split",
                                () -> tune(options, steps))
                        .value();
            }
            Map<String, String> chosen = hyperparameters;
            StepLog.Timed<ModelManifest> model = steps.run(
                    "train LightGBM (" + runtime.label() + ")",
                    () -> runtime.train(options.preparedDir(), options.modelDir(), chosen, steps::detail));
            TrainingMetrics metrics = TrainingMetrics.of(model.value());

            TransformResult batch;
            try (Explainer explainer = steps.run(
                            "start the explainer on the model (" + runtime.label() + ")",
                            () -> runtime.serve(options.modelDir(), options.explainerLog(), steps::detail))
                    .value()) {
                steps.detail("serving at " + explainer.baseUrl() + " (log: " + options.explainerLog() + ")");
                batch = steps.run("batch-explain the test set", () -> explain(options, explainer, steps))
                        .value();
            }
            ReportSummary report = steps.run(
                            "write the dataset report",
                            () -> DatasetReport.write(
                                    options.batchDir(),
                                    new PreparedLayout(options.preparedDir()).folder(Channel.LABEL_TEST),
                                    options.reportFile()))
                    .value();

            return new PipelineSummary(
                    runtime.description(),
                    store == null
                            ? options.rawDir().toAbsolutePath().normalize().toString()
                            : "s3://" + EmbeddedS3.BUCKET + "/raw",
                    options.preparedDir(),
                    options.modelDir(),
                    applicants,
                    etl.value().trainRows(),
                    etl.value().testRows(),
                    metrics.trainAucCvMean(),
                    metrics.trainAucCvStd(),
                    metrics.testAuc(),
                    rate(applicants, raw.duration()),
                    options.batchDir(),
                    batch.records(),
                    batch.errorRecords(),
                    batch.recordsPerSecond(),
                    report.html(),
                    report.auc(),
                    Duration.ofNanos(System.nanoTime() - start));
        } finally {
            if (s3 != null) {
                s3.close();
            }
        }
    }

    private static String describe(PipelineOptions options) {
        return options.mode() + " applicants"
                + (options.n().isPresent() ? " (n=" + options.n().getAsLong() + ")" : "") + ", seed " + options.seed();
    }

    private static Manifest generate(PipelineOptions options, EmbeddedS3 s3, StepLog steps) {
        GenerationRequest request =
                GenerationRequest.of(Mode.parse("--mode", options.mode()), options.n(), options.seed());
        DatasetTarget target;
        if (s3 == null) {
            target = DatasetTargets.open(
                    OutputLocation.parse("--work", options.rawDir().toString()), false, () -> {
                        throw new PipelineException("a local run has no S3 client");
                    });
        } else {
            S3Settings settings = new S3Settings(Optional.of(s3.endpoint()), true, EmbeddedS3.REGION);
            target = DatasetTargets.open(
                    OutputLocation.parse("--store", "s3://" + EmbeddedS3.BUCKET + "/raw"),
                    false,
                    () -> settings.createClient(EmbeddedS3.credentials()));
        }
        return Datagen.run(request, target, steps::detail);
    }

    private static EtlResult prepare(PipelineOptions options, EmbeddedS3 s3, StepLog steps) {
        if (s3 == null) {
            return EtlJob.run(EtlOptions.of(
                            options.rawDir().toString(), options.preparedDir().toString())
                    .withSeed(options.seed()));
        }
        String raw = "s3a://" + EmbeddedS3.BUCKET + "/raw";
        String prepared = "s3a://" + EmbeddedS3.BUCKET + "/prepared";
        EtlOptions s3Options = EtlOptions.of(raw, prepared)
                .withSeed(options.seed())
                .withS3Endpoint(s3.endpoint().toString())
                .withSparkConf("spark.hadoop.fs.s3a.access.key", EmbeddedS3.ACCESS_KEY)
                .withSparkConf("spark.hadoop.fs.s3a.secret.key", EmbeddedS3.SECRET_KEY)
                .withSparkConf(
                        "spark.hadoop.fs.s3a.aws.credentials.provider",
                        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        EtlResult result = EtlJob.run(s3Options);
        // Training reads channels from local folders, as SageMaker copies S3 channels into the container.
        long files = s3.download("prepared", options.preparedDir());
        steps.detail("copied " + files + " prepared files from " + prepared + " to " + options.preparedDir());
        return result;
    }

    /** In SageMaker local mode, finds the engine and loads the images before the first step, to fail early. */
    private ModelRuntime runtime(PipelineOptions options) {
        if (options.runtime() == PipelineOptions.Runtime.IN_PROCESS) {
            return new InProcessRuntime();
        }
        out.println("SageMaker local mode: the training and explainer images through the container engine");
        SageMakerLocal runtime = SageMakerLocal.start(options.sageMakerDir(), line -> out.println("  " + line));
        out.println("  " + runtime.description());
        return runtime;
    }

    private static TransformResult explain(PipelineOptions options, Explainer explainer, StepLog steps) {
        TransformJobSpec job = TransformJobSpec.forDatasetReport(
                new PreparedLayout(options.preparedDir())
                        .folder(Channel.DATA_TEST)
                        .toString(),
                options.batchDir().toString());
        TransformResult result =
                LocalTransformer.run(job, explainer.baseUrl(), ProgressListener.printingTo(out(steps)));
        if (!result.succeeded()) {
            throw new PipelineException("batch transform failed for " + result.failures());
        }
        steps.detail(result.records() + " records explained, " + result.errorRecords() + " error lines, "
                + String.format(Locale.ROOT, "%.0f", result.recordsPerSecond()) + " explanations/s");
        return result;
    }

    private static PrintStream out(StepLog steps) {
        return steps.stream();
    }

    /** Removes the outputs of an earlier run, so that every run starts from the same empty folders. */
    private void prepareWorkDir(PipelineOptions options) {
        for (Path owned : new Path[] {
            options.rawDir(),
            options.preparedDir(),
            options.modelDir(),
            options.s3StoreDir(),
            options.sageMakerDir(),
            options.batchDir(),
            options.reportFile().getParent()
        }) {
            if (Files.exists(owned)) {
                out.println("replacing " + owned.toAbsolutePath().normalize());
                deleteTree(owned);
            }
        }
        try {
            Files.createDirectories(options.workDir());
        } catch (IOException e) {
            throw new PipelineException("cannot create work folder " + options.workDir() + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new PipelineException("cannot remove " + root + " of an earlier run: " + e.getMessage(), e);
        }
    }

    private static double rate(long rows, Duration duration) {
        return rows / Math.max(duration.toNanos() / 1e9, 1e-9);
    }
}
