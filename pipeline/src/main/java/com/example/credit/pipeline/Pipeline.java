package com.example.credit.pipeline;

import com.example.credit.batch.report.ReportSummary;
import com.example.credit.datagen.generate.GenerationRequest;
import com.example.credit.datagen.generate.Mode;
import com.example.credit.pipeline.aws.AwsStages;
import com.example.credit.training.model.TrainingMetrics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The main job: generate the raw datasets, prepare them, train the model, serve it (with a smoke call that checks
 * the SHAP values add up), explain the whole test set through the Batch Transform semantics and write the dataset
 * report, each with the same seed, printing progress and a summary. Where each stage runs is the {@link Stages}
 * target's business: this machine, or AWS.
 */
public final class Pipeline {

    private static final int STAGES = 6;

    /** The system property that names the file log4j2.properties writes the log to. */
    static final String LOG_FILE_PROPERTY = "pipeline.log.file";

    private final PrintStream out;

    public Pipeline(PrintStream out) {
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
            PipelineSummary summary = new Pipeline(System.out).run(options);
            System.out.print(summary.render());
            System.out.printf("  %-17s %s%n", "log", log);
            if (PipelineArguments.wantsServe(args)) {
                serve(options);
            } else {
                System.out.printf(
                        "  %-17s %s%n", "dashboard", "add --serve to browse the explained test set in the browser");
            }
        } catch (PipelineException e) {
            System.err.println("pipeline: " + e.getMessage() + (Files.exists(log) ? " (log: " + log + ")" : ""));
            System.exit(1);
        }
    }

    /** Starts the dashboard on the run's outputs and serves until the process is stopped (Ctrl-C). */
    private static void serve(PipelineOptions options) {
        DashboardProcess dashboard = DashboardProcess.start(
                options.batchDir(),
                options.preparedDir()
                        .resolve(com.example.credit.core.layout.PreparedLayout.Channel.LABEL_TEST.folder()),
                options.modelDir(),
                options.preparedDir()
                        .resolve(com.example.credit.core.layout.PreparedLayout.Channel.PROTECTED_TEST.folder()),
                options.workDir().resolve("dashboard.log"));
        Runtime.getRuntime().addShutdownHook(new Thread(dashboard::close, "dashboard-stop"));
        System.out.printf(
                "  %-17s %s  (run '%s', API %s; Ctrl-C stops it; log %s)%n",
                "dashboard",
                dashboard.baseUrl().resolve("/"),
                DashboardProcess.RUN_ID,
                dashboard.summaryUrl(),
                options.workDir().resolve("dashboard.log"));
        try {
            dashboard.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs every stage on the options' target: this machine, or AWS. */
    public PipelineSummary run(PipelineOptions options) {
        if (options.target() == PipelineOptions.Target.AWS) {
            AwsStages aws = AwsStages.open(options, out);
            return run(aws.options(), aws);
        }
        return run(options, LocalStages.open(options, out));
    }

    /** Runs every stage on the target and returns what they produced; closes the target. */
    public PipelineSummary run(PipelineOptions options, Stages stages) {
        long start = System.nanoTime();
        try (stages) {
            StepLog steps = new StepLog(out, STAGES + (options.tuneTrials() > 0 ? 1 : 0));
            GenerationRequest request =
                    GenerationRequest.of(Mode.parse("--mode", options.mode()), options.n(), options.seed());
            StepLog.Timed<Stages.Generated> raw =
                    steps.run("generate " + describe(options), () -> stages.generate(request, steps::detail));

            StepLog.Timed<Stages.Prepared> prepared = steps.run(
                    "prepare with Spark (" + stages.sparkLabel() + ")",
                    () -> stages.prepare(options.seed(), steps::detail));
            steps.detail(prepared.value().trainRows() + " train and "
                    + prepared.value().testRows() + " test rows");

            Map<String, String> hyperparameters = options.hyperparameters();
            if (options.tuneTrials() > 0) {
                Map<String, String> defaults = hyperparameters;
                hyperparameters = steps.run(
                                "tune: " + options.tuneTrials()
                                        + " candidates by cross-validation on the training split",
                                () -> stages.tune(options.tuneTrials(), options.seed(), defaults, steps::detail))
                        .value();
            }
            Map<String, String> chosen = hyperparameters;
            StepLog.Timed<Stages.Trained> model =
                    steps.run("train LightGBM (" + stages.label() + ")", () -> stages.train(chosen, steps::detail));
            TrainingMetrics metrics = TrainingMetrics.of(model.value().manifest());

            Stages.Explained batch;
            try (Stages.Served served = steps.run("start the explainer on the model (" + stages.label() + ")", () -> {
                        Stages.Served started = stages.serve(steps::detail);
                        try {
                            steps.detail(SmokeCheck.run(started.endpoint()).describe());
                            return started;
                        } catch (RuntimeException e) {
                            started.close();
                            throw e;
                        }
                    })
                    .value()) {
                batch = steps.run("batch-explain the test set", () -> stages.batch(served, steps::detail))
                        .value();
            }
            ReportSummary report = steps.run("write the dataset report", () -> stages.report(steps::detail))
                    .value();

            return new PipelineSummary(
                    stages.description(),
                    raw.value().location(),
                    prepared.value().location(),
                    model.value().location(),
                    raw.value().applicants(),
                    prepared.value().trainRows(),
                    prepared.value().testRows(),
                    metrics.trainAucCvMean(),
                    metrics.trainAucCvStd(),
                    metrics.testAuc(),
                    rate(raw.value().applicants(), raw.duration()),
                    batch.location(),
                    batch.records(),
                    batch.errorRecords(),
                    batch.recordsPerSecond(),
                    report.html().toAbsolutePath().normalize().toString(),
                    report.auc(),
                    FairnessHeadline.lines(report.biasPost()),
                    Duration.ofNanos(System.nanoTime() - start),
                    stages.closingLines());
        }
    }

    private static String describe(PipelineOptions options) {
        return options.mode() + " applicants"
                + (options.n().isPresent() ? " (n=" + options.n().getAsLong() + ")" : "") + ", seed " + options.seed();
    }

    private static double rate(long rows, Duration duration) {
        return rows / Math.max(duration.toNanos() / 1e9, 1e-9);
    }
}
