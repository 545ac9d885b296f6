package com.example.credit.pipeline.container;

import com.example.credit.batch.local.LocalExplainer;
import com.example.credit.pipeline.Explainer;
import com.example.credit.pipeline.PipelineException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The explainer image run as SageMaker hosting runs it ({@code serve}, the model at {@code /opt/ml/model}), and
 * as a careful operator would: the model mounted read-only, a read-only root file system with a tmpfs
 * {@code /tmp}, published only on a loopback port that the engine picks. Closing it stops it, keeps its log and
 * removes it.
 */
final class ExplainerContainer implements Explainer {

    /** The port SageMaker hosting sends requests to. */
    static final int PORT = 8080;

    /** How long the service may take to finish its requests and stop before the engine kills it. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private static final int LOG_LINES_IN_ERRORS = 20;

    private final ContainerEngine engine;
    private final String name;
    private final Path log;
    private final Thread exitHook;
    private URI baseUrl;
    private volatile boolean closed;

    private ExplainerContainer(ContainerEngine engine, String name, Path log) {
        this.engine = engine;
        this.name = name;
        this.log = log;
        // Detached containers outlive this JVM: a run stopped with Ctrl-C must not leave one serving.
        this.exitHook = new Thread(this::removeOnExit, "remove-" + name);
    }

    /**
     * Starts the image on the model folder and waits until {@code /ping} answers 200.
     *
     * @param name the container's name, unique to the run
     * @param labels engine labels ({@code key=value}) that mark the container as the run's
     * @throws PipelineException when it does not become ready, with the end of its log, after removing it
     */
    static ExplainerContainer start(
            ContainerEngine engine, ImageTar image, Path modelDir, Path log, String name, List<String> labels) {
        ExplainerContainer explainer = new ExplainerContainer(engine, name, log);
        Runtime.getRuntime().addShutdownHook(explainer.exitHook);
        try {
            List<String> run = new ArrayList<>(List.of("run", "--detach", "--name", name));
            labels.forEach(label -> run.addAll(List.of("--label", label)));
            run.addAll(List.of(
                    "--read-only",
                    "--tmpfs",
                    "/tmp",
                    "--volume",
                    modelDir.toAbsolutePath().normalize() + ":/opt/ml/model:ro",
                    "--publish",
                    "127.0.0.1::" + PORT,
                    image.imageId(),
                    "serve"));
            try {
                engine.run(ContainerEngine.QUICK, run);
            } catch (ContainerCommandException e) {
                throw new PipelineException(e.getMessage() + ImageTar.entryPointHint(e.exitCode()), e);
            }
            explainer.baseUrl = explainer.publishedUrl();
            Optional<String> notReady = LocalExplainer.awaitPing(explainer.baseUrl, START_TIMEOUT, explainer::exited);
            if (notReady.isPresent()) {
                explainer.close();
                throw new PipelineException("the explainer container " + name + " (" + image.reference() + ") "
                        + notReady.get() + "; its log, saved to " + log + ", ends with:\n" + explainer.logTail());
            }
            return explainer;
        } catch (RuntimeException e) {
            try {
                explainer.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Stops the container (with a grace period), saves its log and removes it; once.
     *
     * @throws PipelineException when the log cannot be saved or the container not removed, after trying both
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs in any case.
        }
        if (!exists()) {
            return;
        }
        PipelineException failure = null;
        try {
            engine.run(
                    STOP_GRACE.plus(ContainerEngine.QUICK),
                    List.of("stop", "-t", Long.toString(STOP_GRACE.toSeconds()), name));
        } catch (PipelineException e) {
            // It may have exited already; the log and the removal still follow.
        }
        try {
            engine.save(ContainerEngine.QUICK, List.of("logs", name), log);
        } catch (PipelineException e) {
            failure = e;
        }
        try {
            engine.run(ContainerEngine.QUICK, List.of("rm", "--force", name));
        } catch (PipelineException e) {
            if (failure != null) {
                e.addSuppressed(failure);
            }
            failure = e;
        }
        if (failure != null) {
            throw failure;
        }
    }

    private boolean exists() {
        return engine.succeeds(ContainerEngine.QUICK, List.of("inspect", "--type", "container", name));
    }

    private void removeOnExit() {
        if (!closed && exists()) {
            engine.run(ContainerEngine.QUICK, List.of("rm", "--force", name));
        }
    }

    private URI publishedUrl() {
        // For example 127.0.0.1:41234; engines print one line per host address.
        String published = engine.run(ContainerEngine.QUICK, List.of("port", name, PORT + "/tcp"))
                .lines()
                .filter(line -> line.startsWith("127.0.0.1:"))
                .findFirst()
                .orElseThrow(() -> new PipelineException(
                        "the explainer container " + name + " has no port " + PORT + " published on 127.0.0.1"));
        return URI.create("http://" + published);
    }

    private Optional<String> exited() {
        String state;
        try {
            state = engine.run(
                    ContainerEngine.QUICK,
                    List.of(
                            "inspect",
                            "--type",
                            "container",
                            "--format",
                            "{{.State.Status}} {{.State.ExitCode}}",
                            name));
        } catch (PipelineException e) {
            return Optional.of("is gone");
        }
        String[] statusAndCode = state.split(" ");
        return statusAndCode[0].equals("running") || statusAndCode[0].equals("created")
                ? Optional.empty()
                : Optional.of("exited with code " + (statusAndCode.length > 1 ? statusAndCode[1] : "?"));
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_ERRORS), lines.size()).stream()
                    .map(line -> "  " + line)
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "  (cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
