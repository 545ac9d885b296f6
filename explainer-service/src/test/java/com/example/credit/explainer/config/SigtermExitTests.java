package com.example.credit.explainer.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.explainer.ExplainerApplication;
import com.example.credit.testsupport.golden.GoldenBundle;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's {@code main} in its own JVM, stopped as SageMaker and container engines stop it (SIGTERM): it
 * drains and exits 0, not 143. The container test checks the same in the image; this one runs in every build.
 */
class SigtermExitTests {

    @TempDir
    Path temp;

    @Test
    void sigtermAfterStartEndsTheProcessWithExitCodeZero() throws Exception {
        int port = freePort();
        Path log = temp.resolve("explainer.log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ExplainerApplication.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("MODEL_DIR", GoldenBundle.modelDir().toString());
        builder.environment().put("SAGEMAKER_BIND_TO_PORT", Integer.toString(port));
        Process process = builder.start();
        try {
            awaitPing(URI.create("http://127.0.0.1:" + port + "/ping"), process);

            process.destroy(); // SIGTERM on Linux and macOS

            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("ended within 60 s")
                    .isTrue();
            assertThat(process.exitValue()).as("exit code; log: " + log).isZero();
            assertThat(log).content().contains("SIGTERM: draining in-flight requests, then exiting");
        } finally {
            process.destroyForcibly();
        }
    }

    private static void awaitPing(URI ping, Process process) throws InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the service runs").isTrue();
            try {
                if (client.send(HttpRequest.newBuilder(ping).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no 200 from " + ping + " within 120 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
