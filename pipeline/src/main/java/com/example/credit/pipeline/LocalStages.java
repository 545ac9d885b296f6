package com.example.credit.pipeline;

import com.example.credit.batch.endpoint.Endpoint;
import com.example.credit.batch.endpoint.HttpEndpoint;
import com.example.credit.batch.job.TransformJobSpec;
import com.example.credit.batch.local.LocalTransformer;
import com.example.credit.batch.local.ProgressListener;
import com.example.credit.batch.local.TransformResult;
import com.example.credit.batch.report.DatasetReport;
import com.example.credit.batch.report.ReportSummary;
import com.example.credit.batch.runs.BiasSettings;
import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.datagen.Datagen;
import com.example.credit.datagen.generate.GenerationRequest;
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
import com.example.credit.training.model.Tuner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The local target: datagen and Spark in this JVM (datasets in folders under the work folder, or in an
 * S3-compatible store on loopback), training and serving in-process or in their images (SageMaker local mode, see
 * {@link ModelRuntime}), the batch through the local Batch Transform semantics. Thin: every stage is the module's
 * own code.
 */
public final class LocalStages implements Stages {

    private final PipelineOptions options;
    private final PrintStream out;
    private final ModelRuntime runtime;
    private final EmbeddedS3 s3;

    private LocalStages(PipelineOptions options, PrintStream out, ModelRuntime runtime, EmbeddedS3 s3) {
        this.options = options;
        this.out = out;
        this.runtime = runtime;
        this.s3 = s3;
    }

    /**
     * Empties the work folder's stage outputs, starts the embedded store when asked for and, in SageMaker local
     * mode, finds the engine and loads the images, so that a missing piece fails before the first stage.
     */
    public static LocalStages open(PipelineOptions options, PrintStream out) {
        prepareWorkDir(options, out);
        EmbeddedS3 s3 = null;
        if (options.store() == PipelineOptions.Store.S3) {
            out.println("starting an S3-compatible store on loopback (S3Mock)");
            s3 = EmbeddedS3.start(options.s3StoreDir());
            out.println("  " + s3.endpoint() + ", bucket " + EmbeddedS3.BUCKET);
        }
        try {
            return new LocalStages(options, out, runtime(options, out), s3);
        } catch (RuntimeException e) {
            if (s3 != null) {
                s3.close();
            }
            throw e;
        }
    }

    @Override
    public String description() {
        return runtime.description();
    }

    @Override
    public String label() {
        return runtime.label();
    }

    @Override
    public String sparkLabel() {
        return "local";
    }

    @Override
    public Generated generate(GenerationRequest request, Consumer<String> progress) {
        DatasetTarget target;
        String location;
        if (s3 == null) {
            location = options.rawDir().toAbsolutePath().normalize().toString();
            target = DatasetTargets.open(
                    OutputLocation.parse("--work", options.rawDir().toString()), false, () -> {
                        throw new PipelineException("a local run has no S3 client");
                    });
        } else {
            location = "s3://" + EmbeddedS3.BUCKET + "/raw";
            S3Settings settings = new S3Settings(Optional.of(s3.endpoint()), true, EmbeddedS3.REGION);
            target = DatasetTargets.open(
                    OutputLocation.parse("--store", location),
                    false,
                    () -> settings.createClient(EmbeddedS3.credentials()));
        }
        Manifest manifest = Datagen.run(request, target, progress);
        return new Generated(location, manifest.credits(), request.seed());
    }

    @Override
    public Prepared prepare(long seed, Consumer<String> progress) {
        String location = options.preparedDir().toAbsolutePath().normalize().toString();
        if (s3 == null) {
            EtlResult result = EtlJob.run(EtlOptions.of(
                            options.rawDir().toString(), options.preparedDir().toString())
                    .withSeed(seed));
            return new Prepared(location, result.trainRows(), result.testRows());
        }
        String raw = "s3a://" + EmbeddedS3.BUCKET + "/raw";
        String prepared = "s3a://" + EmbeddedS3.BUCKET + "/prepared";
        EtlResult result = EtlJob.run(EtlOptions.of(raw, prepared)
                .withSeed(seed)
                .withS3Endpoint(s3.endpoint().toString())
                .withSparkConf("spark.hadoop.fs.s3a.access.key", EmbeddedS3.ACCESS_KEY)
                .withSparkConf("spark.hadoop.fs.s3a.secret.key", EmbeddedS3.SECRET_KEY)
                .withSparkConf(
                        "spark.hadoop.fs.s3a.aws.credentials.provider",
                        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider"));
        // Training reads channels from local folders, as SageMaker copies S3 channels into the container.
        long files = s3.download("prepared", options.preparedDir());
        progress.accept("copied " + files + " prepared files from " + prepared + " to " + options.preparedDir());
        return new Prepared(location, result.trainRows(), result.testRows());
    }

    /**
     * A seeded random search ({@link Tuner#randomCandidates}) on the training split; writes and shows the
     * leaderboard and returns the run's hyperparameters with the winner's over them.
     */
    @Override
    public Map<String, String> tune(
            int trials, long seed, Map<String, String> hyperparameters, Consumer<String> progress) {
        List<Tuner.Trial> ranked = new TuningJob(FeatureCatalog.standard(), line -> {})
                .run(new ChannelLayout(options.preparedDir()), hyperparameters, Tuner.randomCandidates(trials, seed));
        Tuner.leaderboard(ranked, 10).forEach(progress);
        try {
            Files.writeString(
                    options.tuningReport(), String.join("\n", Tuner.leaderboard(ranked, ranked.size())) + "\n");
        } catch (IOException e) {
            throw new PipelineException("cannot write " + options.tuningReport() + ": " + e.getMessage(), e);
        }
        Map<String, String> chosen = new TreeMap<>(hyperparameters);
        chosen.putAll(ranked.get(0).overrides());
        progress.accept("training the best candidate: " + ranked.get(0).overrides());
        return chosen;
    }

    @Override
    public Trained train(Map<String, String> hyperparameters, Consumer<String> progress) {
        return new Trained(
                options.modelDir().toAbsolutePath().normalize().toString(),
                runtime.train(options.preparedDir(), options.modelDir(), hyperparameters, progress));
    }

    @Override
    public Served serve(Consumer<String> progress) {
        Explainer explainer = runtime.serve(options.modelDir(), options.explainerLog(), progress);
        progress.accept("serving at " + explainer.baseUrl() + " (log: " + options.explainerLog() + ")");
        HttpEndpoint endpoint = new HttpEndpoint(explainer.baseUrl());
        return new Served() {
            @Override
            public String location() {
                return explainer.baseUrl().toString();
            }

            @Override
            public Endpoint endpoint() {
                return endpoint;
            }

            @Override
            public void close() {
                explainer.close();
            }
        };
    }

    @Override
    public Explained batch(Served served, Consumer<String> progress) {
        TransformJobSpec job = TransformJobSpec.forDatasetReport(
                new PreparedLayout(options.preparedDir())
                        .folder(Channel.DATA_TEST)
                        .toString(),
                options.batchDir().toString());
        TransformResult result =
                LocalTransformer.run(job, java.net.URI.create(served.location()), ProgressListener.printingTo(out));
        if (!result.succeeded()) {
            throw new PipelineException("batch transform failed for " + result.failures());
        }
        progress.accept(result.records() + " records explained, " + result.errorRecords() + " error lines, "
                + String.format(Locale.ROOT, "%.0f", result.recordsPerSecond()) + " explanations/s");
        return new Explained(
                options.batchDir().toAbsolutePath().normalize().toString(),
                result.records(),
                result.errorRecords(),
                result.recordsPerSecond());
    }

    @Override
    public ReportSummary report(Consumer<String> progress) {
        PreparedLayout prepared = new PreparedLayout(options.preparedDir());
        Path protectedTest = prepared.folder(Channel.PROTECTED_TEST);
        // With the model too: the report's global explanations (the model's partial dependence beside SHAP's).
        ReportSummary summary = DatasetReport.write(
                options.batchDir(),
                prepared.folder(Channel.LABEL_TEST),
                Files.isDirectory(protectedTest) ? protectedTest : null,
                BiasSettings.DEFAULT,
                GlobalExplanations.modelFolder(options.modelDir(), progress),
                options.reportFile());
        if (PreTrainingAnalysis.add(summary, options.modelDir())) {
            progress.accept("analysis.json holds training's pre-training bias and the test set's post-training bias");
        }
        return summary;
    }

    @Override
    public void close() {
        if (s3 != null) {
            s3.close();
        }
    }

    private static ModelRuntime runtime(PipelineOptions options, PrintStream out) {
        if (options.runtime() == PipelineOptions.Runtime.IN_PROCESS) {
            return new InProcessRuntime();
        }
        out.println("SageMaker local mode: the training and explainer images through the container engine");
        SageMakerLocal runtime = SageMakerLocal.start(options.sageMakerDir(), line -> out.println("  " + line));
        out.println("  " + runtime.description());
        return runtime;
    }

    /** Removes the outputs of an earlier run, so that every run starts from the same empty folders. */
    private static void prepareWorkDir(PipelineOptions options, PrintStream out) {
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
                LocalFolders.deleteTree(owned);
            }
        }
        try {
            Files.createDirectories(options.workDir());
        } catch (IOException e) {
            throw new PipelineException("cannot create work folder " + options.workDir() + ": " + e.getMessage(), e);
        }
    }
}
