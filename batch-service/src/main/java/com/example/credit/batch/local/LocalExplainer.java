package com.example.credit.batch.local;

import com.example.credit.batch.ExplainerStartException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The explainer jar started as a child process on a free loopback port under the SageMaker hosting contract
 * ({@code MODEL_DIR}, {@code SAGEMAKER_BIND_TO_PORT}), ready once {@code GET /ping} answers 200: what Batch
 * Transform does with the model container before it sends the first record. The one way the pipeline, the
 * benchmarks and {@code scripts/soak.sh} (through {@link #main}) start the service. Closing it stops the process,
 * politely first.
 */
public final class LocalExplainer implements AutoCloseable {

    /** How long the service may take to load the model and answer {@code /ping}, unless told otherwise. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    /**
     * What to start.
     *
     * @param jar the explainer's executable jar
     * @param modelDir the model bundle it serves (model.txt, model.json, schemas)
     * @param log where its standard output and error go (created, replaced)
     * @param jvmOptions options for its JVM, before {@code -jar} (for example {@code -Xmx1g})
     * @param startTimeout how long to wait for the first 200 on {@code /ping}
     */
    public record Launch(Path jar, Path modelDir, Path log, List<String> jvmOptions, Duration startTimeout) {

        public Launch {
            Objects.requireNonNull(jar, "jar");
            Objects.requireNonNull(modelDir, "modelDir");
            Objects.requireNonNull(log, "log");
            jvmOptions = List.copyOf(jvmOptions);
            Objects.requireNonNull(startTimeout, "startTimeout");
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
            }
        }

        /** The jar on the model with a 1 GiB heap and the {@link #START_TIMEOUT}. */
        public static Launch of(Path jar, Path modelDir, Path log) {
            return new Launch(jar, modelDir, log, List.of("-Xmx1g"), START_TIMEOUT);
        }

        /** The same launch with other JVM options. */
        public Launch withJvmOptions(List<String> options) {
            return new Launch(jar, modelDir, log, options, startTimeout);
        }

        /** The same launch with another start timeout. */
        public Launch withStartTimeout(Duration timeout) {
            return new Launch(jar, modelDir, log, jvmOptions, timeout);
        }
    }

    private final Process process;
    private final URI baseUrl;
    private final Path log;
    private final Thread stopOnExit;

    private LocalExplainer(Process process, URI baseUrl, Path log, boolean stopWithThisJvm) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
        // Ctrl-C on the caller must not leave an explainer running.
        this.stopOnExit = stopWithThisJvm ? new Thread(process::destroy, "stop-explainer-" + process.pid()) : null;
        if (stopOnExit != null) {
            Runtime.getRuntime().addShutdownHook(stopOnExit);
        }
    }

    /**
     * Starts the service and waits until {@code /ping} answers 200; it is stopped when this JVM exits.
     *
     * @throws ExplainerStartException when the jar or model folder is missing, the process cannot start, exits
     *     while starting or does not answer in time (the message names the log)
     */
    public static LocalExplainer start(Launch launch) {
        return start(launch, true);
    }

    private static LocalExplainer start(Launch launch, boolean stopWithThisJvm) {
        if (!Files.isRegularFile(launch.jar())) {
            throw new ExplainerStartException(
                    "the explainer jar " + launch.jar().toAbsolutePath()
                            + " does not exist; build it with ./mvnw -pl explainer-service -am package");
        }
        if (!Files.isDirectory(launch.modelDir())) {
            throw new ExplainerStartException(
                    "the model folder " + launch.modelDir().toAbsolutePath() + " does not exist");
        }
        LocalExplainer explainer;
        try {
            Path parent = launch.log().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            int port = freePort();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(launch.jvmOptions());
            command.addAll(List.of("-jar", launch.jar().toAbsolutePath().toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(launch.log().toFile());
            builder.environment()
                    .put("MODEL_DIR", launch.modelDir().toAbsolutePath().toString());
            builder.environment().put("SAGEMAKER_BIND_TO_PORT", Integer.toString(port));
            explainer = new LocalExplainer(
                    builder.start(), URI.create("http://127.0.0.1:" + port), launch.log(), stopWithThisJvm);
        } catch (IOException e) {
            throw new ExplainerStartException("cannot start the explainer " + launch.jar() + ": " + e.getMessage(), e);
        }
        Optional<String> notReady = awaitPing(explainer.baseUrl, launch.startTimeout(), explainer::exited);
        if (notReady.isPresent()) {
            explainer.close();
            throw new ExplainerStartException("the explainer " + notReady.get() + "; its log is "
                    + launch.log().toAbsolutePath());
        }
        return explainer;
    }

    /**
     * Waits until {@code GET /ping} answers 200, as SageMaker hosting does before it sends requests; used for the
     * jar here and for the container image by the pipeline.
     *
     * @param baseUrl the service
     * @param timeout how long to wait
     * @param exited how the service ended, empty while it runs; asked between two attempts
     * @return empty once the service is ready; otherwise why it is not, to follow "the explainer" ("exited with
     *     code 1 while starting", "did not answer http://127.0.0.1:40123/ping within 180 s")
     */
    public static Optional<String> awaitPing(URI baseUrl, Duration timeout, Supplier<Optional<String>> exited) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(baseUrl.resolve("/ping"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> ended = exited.get();
            if (ended.isPresent()) {
                return Optional.of(ended.get() + " while starting");
            }
            try {
                if (client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Optional.empty();
                }
            } catch (IOException notYet) {
                // Not listening yet: wait below, as after any other answer.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("was interrupted while starting");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("was interrupted while starting");
            }
        }
        return Optional.of("did not answer " + baseUrl.resolve("/ping") + " within " + timeout.toSeconds() + " s");
    }

    /** The service's base URL, for example {@code http://127.0.0.1:40123}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The process id, for profilers and memory readings. */
    public long pid() {
        return process.pid();
    }

    /** Where the service's output goes. */
    public Path log() {
        return log;
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the service: SIGTERM (it drains in-flight requests), then SIGKILL after 20 s. */
    @Override
    public void close() {
        if (stopOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to: it stops the process.
            }
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private Optional<String> exited() {
        return process.isAlive() ? Optional.empty() : Optional.of("exited with code " + process.exitValue());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * For scripts: starts the explainer, waits for {@code /ping}, prints {@code <pid> <base URL>} and exits 0,
     * leaving the service running (the script stops it); on failure prints why on standard error and exits 1.
     *
     * <pre>
     * java -cp batch-service.jar com.example.credit.batch.local.LocalExplainer \
     *     --jar explainer.jar --model-dir work/model --log target/explainer.log [--jvm-options "-Xmx512m"]
     * </pre>
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String usage = "usage: LocalExplainer --jar JAR --model-dir DIR --log FILE [--jvm-options \"-Xmx1g ...\"]"
                + " [--start-timeout-seconds 180]";
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println("argument " + args[i] + " is not a --flag followed by a value; " + usage);
                return 2;
            }
            flags.put(args[i].substring(2), args[i + 1]);
        }
        List<String> known = List.of("jar", "model-dir", "log", "jvm-options", "start-timeout-seconds");
        for (String flag : flags.keySet()) {
            if (!known.contains(flag)) {
                err.println("unknown flag --" + flag + "; " + usage);
                return 2;
            }
        }
        for (String required : List.of("jar", "model-dir", "log")) {
            if (!flags.containsKey(required)) {
                err.println("missing --" + required + "; " + usage);
                return 2;
            }
        }
        Launch launch =
                Launch.of(Path.of(flags.get("jar")), Path.of(flags.get("model-dir")), Path.of(flags.get("log")));
        String options = flags.getOrDefault("jvm-options", "").strip();
        if (!options.isEmpty()) {
            launch = launch.withJvmOptions(List.of(options.split("\\s+")));
        }
        try {
            if (flags.containsKey("start-timeout-seconds")) {
                launch =
                        launch.withStartTimeout(Duration.ofSeconds(Long.parseLong(flags.get("start-timeout-seconds"))));
            }
        } catch (IllegalArgumentException e) {
            err.println("--start-timeout-seconds must be a positive whole number of seconds, was "
                    + flags.get("start-timeout-seconds"));
            return 2;
        }
        try {
            LocalExplainer explainer = start(launch, false);
            out.println(explainer.pid() + " " + explainer.baseUrl());
            return 0;
        } catch (ExplainerStartException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
