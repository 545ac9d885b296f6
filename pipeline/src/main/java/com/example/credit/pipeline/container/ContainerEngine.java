package com.example.credit.pipeline.container;

import com.example.credit.pipeline.PipelineException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The container engine's command line ({@code docker}, or {@code podman --remote} on its Docker-compatible API),
 * reached through {@code scripts/container-engine.sh cli}, which picks the engine that {@code start} set up. Every
 * command runs with a timeout; a failure names the command and its exit code.
 */
public final class ContainerEngine {

    /** The engine script, as {@code scripts/container-engine.sh start} writes it to its engine.env. */
    public static final String CLI_VARIABLE = "CREDIT_CONTAINER_CLI";

    /** {@code docker} or {@code podman}. */
    public static final String ENGINE_VARIABLE = "CREDIT_CONTAINER_ENGINE";

    /** Enough for any command that does not run a workload. */
    public static final Duration QUICK = Duration.ofSeconds(60);

    private static final int ERROR_LINES = 10;

    private final Path script;
    private final String kind;

    /**
     * An engine reached through {@code script cli …}.
     *
     * @param script the engine script
     * @param kind {@code docker} or {@code podman}, for messages and the summary
     */
    public ContainerEngine(Path script, String kind) {
        this.script = Objects.requireNonNull(script, "script");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * The engine that {@code scripts/container-engine.sh start} set up, from the variables of its engine.env.
     *
     * @throws PipelineException when they are not set, naming the command that sets them
     */
    public static ContainerEngine fromEnvironment(Map<String, String> env) {
        String cli = env.getOrDefault(CLI_VARIABLE, "");
        if (cli.isBlank()) {
            throw new PipelineException(CLI_VARIABLE + " is not set, so there is no container engine to run the"
                    + " images: run scripts/container-engine.sh start and load its settings"
                    + " (set -a; . /tmp/credit-containers/engine.env; set +a), as run-pipeline.sh --runtime"
                    + " container does, or use --runtime in-process");
        }
        Path script = Path.of(cli);
        if (!Files.isExecutable(script)) {
            throw new PipelineException(CLI_VARIABLE + "=" + cli + " is not an executable file; run"
                    + " scripts/container-engine.sh start to set it");
        }
        return new ContainerEngine(script, env.getOrDefault(ENGINE_VARIABLE, "unknown engine"));
    }

    /** {@code docker} or {@code podman}. */
    public String kind() {
        return kind;
    }

    /**
     * Runs a command and returns what it printed on standard output, stripped.
     *
     * @throws ContainerCommandException when it exits non-zero, with its standard error
     * @throws PipelineException when it outlives the timeout
     */
    public String run(Duration timeout, List<String> args) {
        List<String> out = new ArrayList<>();
        List<String> err = new ArrayList<>();
        int exit = execute(timeout, args, false, out::add, err::add);
        if (exit != 0) {
            throw new ContainerCommandException(
                    display(args) + " exited with code " + exit + ": " + String.join("\n", tail(err, ERROR_LINES)),
                    exit);
        }
        return String.join("\n", out).strip();
    }

    /** Runs a command and tells whether it exited with 0, discarding its output. */
    public boolean succeeds(Duration timeout, List<String> args) {
        return execute(timeout, args, false, line -> {}, line -> {}) == 0;
    }

    /**
     * Runs a command, passing each line of its output (standard error merged) on as it comes.
     *
     * @return its exit code
     * @throws PipelineException when it outlives the timeout
     */
    public int stream(Duration timeout, List<String> args, Consumer<String> lines) {
        return execute(timeout, args, true, lines, lines);
    }

    /**
     * Runs a command and writes its output (standard error merged) to a file, replacing it.
     *
     * @throws PipelineException when it exits non-zero or outlives the timeout, or the file cannot be written
     */
    public void save(Duration timeout, List<String> args, Path file) {
        int exit;
        AtomicReference<IOException> writeFailure = new AtomicReference<>();
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            exit = stream(timeout, args, line -> {
                try {
                    writer.write(line);
                    writer.newLine();
                } catch (IOException e) {
                    writeFailure.compareAndSet(null, e);
                }
            });
        } catch (IOException e) {
            writeFailure.compareAndSet(null, e);
            exit = 0;
        }
        if (writeFailure.get() != null) {
            throw new PipelineException("cannot write the output of " + display(args) + " to " + file + ": "
                    + writeFailure.get().getMessage());
        }
        if (exit != 0) {
            throw new PipelineException(display(args) + " exited with code " + exit + "; its output is in " + file);
        }
    }

    /** The command as a user would type it, for messages. */
    String display(List<String> args) {
        return "`" + script.getFileName() + " cli " + String.join(" ", args) + "`";
    }

    private int execute(
            Duration timeout, List<String> args, boolean merge, Consumer<String> out, Consumer<String> err) {
        List<String> command = new ArrayList<>(List.of(script.toString(), "cli"));
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(merge).start();
        } catch (IOException e) {
            throw new PipelineException("cannot run " + display(args) + ": " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Nothing is written to the command; a stream that cannot close does not matter.
        }
        Thread stdout = drain(process.getInputStream(), out);
        Thread stderr = merge ? null : drain(process.getErrorStream(), err);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new PipelineException(display(args) + " did not finish within " + readable(timeout));
            }
            // The streams end with the process; what it printed last is passed on before the exit code counts.
            stdout.join();
            if (stderr != null) {
                stderr.join();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new PipelineException("interrupted while running " + display(args), e);
        }
    }

    private static Thread drain(InputStream stream, Consumer<String> lines) {
        Thread thread = new Thread(
                () -> {
                    try (BufferedReader reader =
                            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                            try {
                                lines.accept(line);
                            } catch (RuntimeException e) {
                                // Keep reading: a stalled pipe would block the command.
                            }
                        }
                    } catch (IOException e) {
                        // The process was killed; what it printed until then has been passed on.
                    }
                },
                "container-cli-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String readable(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static List<String> tail(List<String> lines, int count) {
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }
}
