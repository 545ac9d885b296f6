package com.example.credit.training.cli;

import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingJob;
import com.example.credit.training.TrainingRequest;
import com.example.credit.training.config.ContainerLayout;
import com.example.credit.training.config.Hyperparameters;
import com.example.credit.training.data.ChannelLayout;
import com.example.credit.training.model.TrainingMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code train} entry point: the SageMaker training container contract and the local command. Only adapts
 * arguments, exit codes, log lines and the failure file; {@link TrainingJob} does the work.
 */
public final class TrainCommand {

    /** The run succeeded and the model folder is complete. */
    public static final int EXIT_OK = 0;

    /** The run failed; the reason is in output/failure (and on standard error). */
    public static final int EXIT_FAILED = 1;

    /** The command line was not understood. */
    public static final int EXIT_USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;

    /** A command that logs progress and metrics to {@code out} and failures to {@code err}. */
    public TrainCommand(PrintStream out, PrintStream err) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    public static void main(String[] args) {
        System.exit(new TrainCommand(System.out, System.err).run(args, System.getenv()));
    }

    /** Runs the command line; returns the exit code. */
    public int run(String[] args, Map<String, String> env) {
        Invocation invocation;
        try {
            invocation = Invocation.parse(Arrays.asList(args), env);
        } catch (UsageException e) {
            err.println("train: " + e.getMessage());
            err.println(Invocation.USAGE);
            return EXIT_USAGE;
        }
        if (invocation instanceof Invocation.Container container) {
            return run(container.root());
        }
        if (invocation instanceof Invocation.Local local) {
            return runLocal(local);
        }
        out.println(Invocation.USAGE);
        return EXIT_OK;
    }

    /**
     * Runs the SageMaker training contract under {@code root} (the stand-in for {@code /opt/ml}): reads
     * input/config and input/data, writes model/ on success and output/failure on failure.
     *
     * @return {@link #EXIT_OK} or {@link #EXIT_FAILED}
     */
    public int run(Path root) {
        ContainerLayout layout = new ContainerLayout(root);
        return execute(layout::request, Optional.of(layout.failureFile()));
    }

    private int runLocal(Invocation.Local local) {
        Optional<Path> failureFile = local.failureRoot().map(root -> new ContainerLayout(root).failureFile());
        return execute(
                () -> new TrainingRequest(
                        new ChannelLayout(local.data()),
                        local.modelDir(),
                        Hyperparameters.parse(local.hyperparameters())),
                failureFile);
    }

    private int execute(Supplier<TrainingRequest> request, Optional<Path> failureFile) {
        failureFile.ifPresent(TrainCommand::deleteStale);
        try {
            ModelManifest manifest = new TrainingJob(FeatureCatalog.standard(), out::println).run(request.get());
            // The metric lines are the contract with SageMaker metric definitions: printed last, one a line.
            TrainingMetrics.of(manifest).logLines().forEach(out::println);
            return EXIT_OK;
        } catch (TrainingException e) {
            return fail(e.getMessage(), e, failureFile);
        } catch (RuntimeException e) {
            return fail("unexpected error: " + e, e, failureFile);
        } catch (OutOfMemoryError e) {
            // Worth a failure file: the usual fix is a larger instance, which SageMaker's console should say.
            return fail(
                    "out of memory while training (" + e.getMessage() + "): use an instance with more memory"
                            + " or a larger -Xmx",
                    e,
                    failureFile);
        }
    }

    private int fail(String reason, Throwable cause, Optional<Path> failureFile) {
        err.println("training failed: " + reason);
        failureFile.ifPresent(file -> writeFailure(file, reason, cause));
        return EXIT_FAILED;
    }

    /** The reason first (SageMaker shows only the first 1024 characters), the stack trace after it. */
    private void writeFailure(Path file, String reason, Throwable cause) {
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, reason + "\n\n" + trace, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("cannot write the failure file " + file + ": " + e.getMessage());
        }
    }

    private static void deleteStale(Path failureFile) {
        try {
            Files.deleteIfExists(failureFile);
        } catch (IOException e) {
            // A failure file that cannot be removed will be overwritten or outlived by a complete model.
        }
    }
}
