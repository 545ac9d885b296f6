package com.example.credit.pipeline;

import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.datagen.Datagen;
import com.example.credit.datagen.generate.GenerationRequest;
import com.example.credit.datagen.generate.Mode;
import com.example.credit.datagen.output.DatasetTargets;
import com.example.credit.datagen.output.Manifest;
import com.example.credit.datagen.output.OutputLocation;
import com.example.credit.datagen.output.S3Settings;
import com.example.credit.etl.EtlJob;
import com.example.credit.etl.EtlOptions;
import com.example.credit.etl.EtlResult;
import com.example.credit.training.TrainingJob;
import com.example.credit.training.TrainingRequest;
import com.example.credit.training.config.Hyperparameters;
import com.example.credit.training.data.ChannelLayout;
import com.example.credit.training.model.TrainingMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local main job: generate the raw datasets, prepare them with Spark in local mode, and train the model,
 * each step with the same seed, printing progress and a summary. Thin: every step is the module's own code.
 */
public final class LocalPipeline {

    private static final int STEPS = 3;

    private final PrintStream out;

    public LocalPipeline(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        if (PipelineArguments.wantsHelp(args)) {
            System.out.print(PipelineArguments.USAGE);
            return;
        }
        try {
            PipelineOptions options = PipelineArguments.parse(args);
            PipelineSummary summary = new LocalPipeline(System.out).run(options);
            System.out.print(summary.render());
        } catch (PipelineException e) {
            System.err.println("pipeline: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs every step and returns what they produced. */
    public PipelineSummary run(PipelineOptions options) {
        long start = System.nanoTime();
        StepLog steps = new StepLog(out, STEPS);
        prepareWorkDir(options);

        StepLog.Timed<Manifest> raw = steps.run("generate " + describe(options), () -> generate(options, steps));
        long applicants = raw.value().credits();

        StepLog.Timed<EtlResult> etl = steps.run("prepare with Spark (local)", () -> EtlJob.run(etlOptions(options)));
        steps.detail(etl.value().trainRows() + " train and " + etl.value().testRows() + " test rows");

        StepLog.Timed<ModelManifest> model = steps.run("train LightGBM", () -> train(options, steps));
        TrainingMetrics metrics = TrainingMetrics.of(model.value());

        return new PipelineSummary(
                options.rawDir(),
                options.preparedDir(),
                options.modelDir(),
                applicants,
                etl.value().trainRows(),
                etl.value().testRows(),
                metrics.trainAucCvMean(),
                metrics.trainAucCvStd(),
                metrics.testAuc(),
                rate(applicants, raw.duration()),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static String describe(PipelineOptions options) {
        return options.mode() + " applicants"
                + (options.n().isPresent() ? " (n=" + options.n().getAsLong() + ")" : "") + ", seed " + options.seed();
    }

    private static Manifest generate(PipelineOptions options, StepLog steps) {
        GenerationRequest request =
                GenerationRequest.of(Mode.parse("--mode", options.mode()), options.n(), options.seed());
        S3Settings s3 = S3Settings.from(Map.of(), Optional.empty());
        var target = DatasetTargets.open(
                OutputLocation.parse("--work", options.rawDir().toString()), false, s3::createClient);
        return Datagen.run(request, target, steps::detail);
    }

    private static EtlOptions etlOptions(PipelineOptions options) {
        return EtlOptions.of(options.rawDir().toString(), options.preparedDir().toString())
                .withSeed(options.seed());
    }

    private static ModelManifest train(PipelineOptions options, StepLog steps) {
        Hyperparameters hyperparameters = Hyperparameters.parse(Map.of("seed", Long.toString(options.seed())));
        TrainingRequest request =
                new TrainingRequest(new ChannelLayout(options.preparedDir()), options.modelDir(), hyperparameters);
        return new TrainingJob(FeatureCatalog.standard(), steps::detail).run(request);
    }

    /** Removes the outputs of an earlier run, so that every run starts from the same empty folders. */
    private void prepareWorkDir(PipelineOptions options) {
        for (Path owned : new Path[] {options.rawDir(), options.preparedDir(), options.modelDir()}) {
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
