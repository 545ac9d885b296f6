package com.example.credit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --serve}: the dashboard started from batch-service's executable jar on the shared run's explained test set
 * (a copy, so that its index stays out of the shared run), answering with the figures the run reported.
 */
@ExtendWith(SharedRun.Resolver.class)
class DashboardProcessTests {

    @TempDir
    static Path temp;

    static SharedRun run;

    @BeforeAll
    static void shared(SharedRun shared) {
        run = shared;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        return to;
    }

    @Test
    void servesTheExplainedTestSetWithTheFiguresTheRunReported() throws Exception {
        Path batch = copy(run.work().resolve("batch"), temp.resolve("batch"));
        Path labels = run.work().resolve("prepared/label_test");

        try (DashboardProcess dashboard = DashboardProcess.start(
                batch,
                labels,
                run.work().resolve("model"),
                run.work().resolve("prepared/protected_test"),
                temp.resolve("dashboard.log"))) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(dashboard.summaryUrl()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode summary = JsonMapper.shared().readTree(response.body());
            assertThat(summary.path("records").asLong()).isEqualTo(run.summary().explanations());
            assertThat(summary.path("auc").asDouble()).isEqualTo(run.summary().reportAuc());
            assertThat(summary.path("protected").path("matched").asLong())
                    .as("every explained applicant is in the protected-group filter")
                    .isEqualTo(run.summary().explanations());
            assertThat(dashboard.baseUrl().getHost()).isEqualTo("127.0.0.1");
        }
        assertThat(batch.resolve(".dashboard/index.json")).exists();
    }

    @Test
    void namesTheJarToBuildWhenItIsMissing() {
        String jar = System.getProperty(DashboardProcess.JAR_PROPERTY);
        System.setProperty(
                DashboardProcess.JAR_PROPERTY, temp.resolve("missing.jar").toString());
        try {
            assertThatThrownBy(() -> DashboardProcess.start(temp, temp, temp, temp, temp.resolve("failed.log")))
                    .isInstanceOf(PipelineException.class)
                    .hasMessage(
                            "the dashboard needs " + temp.resolve("missing.jar").toAbsolutePath()
                                    + "; build it with ./mvnw -pl pipeline -am package");
        } finally {
            System.setProperty(DashboardProcess.JAR_PROPERTY, jar);
        }
    }

    @Test
    void saysWhichLogToReadWhenTheDashboardCannotStart() {
        // (Should it start after all, try-with-resources stops it: no process outlives the test.)
        assertThatThrownBy(() -> {
                    try (DashboardProcess started = DashboardProcess.start(
                            temp.resolve("no-such-run"),
                            temp.resolve("no-labels"),
                            temp,
                            temp,
                            temp.resolve("failed.log"))) {
                        started.baseUrl();
                    }
                })
                .isInstanceOf(PipelineException.class)
                .hasMessageStartingWith(
                        "the dashboard exited with code 1 while starting; see " + temp.resolve("failed.log"));
    }
}
