package com.example.credit.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The explainer service started as its own process on a loopback port, exactly as the {@code serve} container
 * runs it (model directory and SageMaker's bind-to-port variable), and stopped when the pipeline is done.
 */
final class ExplainerProcess implements AutoCloseable {

    /** System property naming the explainer's executable jar; run-pipeline.sh and the build set it. */
    static final String JAR_PROPERTY = "pipeline.explainer.jar";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final URI baseUrl;
    private final Path log;

    private ExplainerProcess(Process process, URI baseUrl, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    /**
     * Starts the service on the model and waits until {@code /ping} answers 200.
     *
     * @throws PipelineException when the jar is missing or the service does not become ready
     */
    static ExplainerProcess start(Path modelDir, Path log) {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "pipeline/target/explainer/explainer-service.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new PipelineException(
                    "the explainer needs " + jar.toAbsolutePath() + "; build it with ./mvnw -pl pipeline -am package");
        }
        try {
            int port = ChildProcesses.freePort();
            ProcessBuilder builder = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx1g",
                            "-jar",
                            jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("MODEL_DIR", modelDir.toAbsolutePath().toString());
            builder.environment().put("SAGEMAKER_BIND_TO_PORT", Integer.toString(port));
            ExplainerProcess explainer =
                    new ExplainerProcess(builder.start(), URI.create("http://127.0.0.1:" + port), log);
            explainer.awaitReady();
            return explainer;
        } catch (IOException e) {
            throw new PipelineException("cannot start the explainer: " + e.getMessage(), e);
        }
    }

    /** The service's base URL, for example {@code http://127.0.0.1:40123}. */
    URI baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        ChildProcesses.stop(process);
    }

    private void awaitReady() {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(baseUrl.resolve("/ping"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new PipelineException("the explainer exited with code " + process.exitValue()
                        + " while starting; its log is " + log.toAbsolutePath());
            }
            try {
                if (client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new PipelineException("interrupted while waiting for the explainer");
            }
            ChildProcesses.pause();
        }
        close();
        throw new PipelineException("the explainer did not answer /ping within " + START_TIMEOUT.toSeconds()
                + " s; its log is " + log.toAbsolutePath());
    }
}
