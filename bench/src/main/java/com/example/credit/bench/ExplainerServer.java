package com.example.credit.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The explainer jar started as a child process on a free loopback port, serving a model, as SageMaker starts the
 * container; ready once {@code /ping} answers 200. Closing it stops the process.
 */
final class ExplainerServer implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(180);

    private final ChildProcess process;
    private final URI base;

    private ExplainerServer(ChildProcess process, URI base) {
        this.process = process;
        this.base = base;
    }

    /**
     * Starts the jar with {@code -Xmx1g} and waits for {@code /ping}. {@code BENCH_SERVER_JVM_FLAGS} adds JVM flags
     * (e.g. a flight recording while profiling the request path).
     */
    static ExplainerServer start(Path work, Path jar, Path modelDir) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx1g", "-Djava.io.tmpdir=" + work));
        String extra =
                System.getenv().getOrDefault("BENCH_SERVER_JVM_FLAGS", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--explainer.model-dir=" + modelDir));
        ChildProcess process = ChildProcess.start(
                command, work, Map.of("MODEL_DIR", modelDir.toString()), work.resolve("explainer.log"));
        ExplainerServer server = new ExplainerServer(process, URI.create("http://127.0.0.1:" + port));
        try {
            server.awaitPing();
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return server;
    }

    /** The base URL, {@code http://127.0.0.1:PORT}. */
    URI base() {
        return base;
    }

    /** The server's peak resident set so far. */
    double peakMebiBytes() {
        return process.peakMebiBytes();
    }

    @Override
    public void close() {
        process.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new BenchException("no free port for the explainer: " + e.getMessage(), e);
        }
    }

    private void awaitPing() {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new BenchException("the explainer ended before answering /ping, see " + process.log());
            }
            try {
                HttpResponse<Void> response =
                        client.send(LoadGenerator.get(base.resolve("/ping")), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted while waiting for the explainer", e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted while waiting for the explainer", e);
            }
        }
        throw new BenchException(
                "the explainer did not answer /ping within " + STARTUP.toSeconds() + " s, see " + process.log());
    }
}
