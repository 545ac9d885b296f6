package com.example.credit.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard (batch-service's {@code serve}, its executable jar) started as its own process on a free loopback
 * port over the run's explained test set, labels and model (whose model.json hash the applicant reports carry), ready once {@code /api/runs} answers. {@code --serve} keeps it
 * running until Ctrl-C; closing it stops it.
 */
public final class DashboardProcess implements AutoCloseable {

    /** System property naming batch-service's executable jar; the build and run-pipeline.sh set it. */
    static final String JAR_PROPERTY = "pipeline.dashboard.jar";

    /** The run's id in the dashboard. */
    public static final String RUN_ID = "run";

    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final URI baseUrl;

    private DashboardProcess(Process process, URI baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /**
     * Starts the dashboard on a batch output, its labels, its model and the test set's protected attributes (for the
     * filter by protected group; never shown per applicant) and waits until it answers.
     *
     * @param log where its log goes
     * @throws PipelineException when the jar is missing or the service does not come up, after stopping it
     */
    public static DashboardProcess start(Path batchDir, Path labels, Path modelDir, Path protectedDir, Path log) {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "pipeline/target/dashboard/batch-service-exec.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new PipelineException(
                    "the dashboard needs " + jar.toAbsolutePath() + "; build it with ./mvnw -pl pipeline -am package");
        }
        Process process;
        URI base;
        try {
            int port = ChildProcesses.freePort();
            base = URI.create("http://127.0.0.1:" + port);
            process = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx1g",
                            "-jar",
                            jar.toString(),
                            "serve",
                            "--run",
                            RUN_ID + "=" + batchDir.toAbsolutePath() + "," + labels.toAbsolutePath() + ","
                                    + modelDir.toAbsolutePath() + "," + protectedDir.toAbsolutePath(),
                            "--port",
                            Integer.toString(port),
                            // Jobs submitted to its API are kept with the run's work, not in the home folder.
                            "--jobs",
                            log.toAbsolutePath()
                                    .resolveSibling("dashboard-jobs")
                                    .toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new PipelineException("cannot start the dashboard: " + e.getMessage(), e);
        }
        DashboardProcess dashboard = new DashboardProcess(process, base);
        try {
            dashboard.awaitReady(log);
            return dashboard;
        } catch (RuntimeException e) {
            dashboard.close();
            throw e;
        }
    }

    private void awaitReady(Path log) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new PipelineException(
                        "the dashboard exited with code " + process.exitValue() + " while starting; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(baseUrl.resolve("/api/runs"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PipelineException("interrupted while the dashboard was starting", e);
            }
            ChildProcesses.pause();
        }
        throw new PipelineException(
                "the dashboard did not answer within " + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    /** The service's base URL. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The run's summary in the API, the first thing to open. */
    public URI summaryUrl() {
        return baseUrl.resolve("/api/runs/" + RUN_ID + "/summary");
    }

    /** Waits until the process ends (Ctrl-C ends both). */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
