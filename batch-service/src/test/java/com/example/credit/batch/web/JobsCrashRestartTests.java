package com.example.credit.batch.web;

import static com.example.credit.batch.jobs.JobFixture.LINES;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.batch.TestExplainer;
import com.example.credit.batch.job.TransformJobJson;
import com.example.credit.batch.jobs.JobFixture;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dashboard service killed (SIGKILL, a child JVM) in the middle of a local job: the next start of the service on
 * the same job folder takes the job up, finishes it from its resume markers with the bytes of an undisturbed run,
 * and explains only the records of the files that were not finished.
 */
class JobsCrashRestartTests {

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper mapper = JsonMapper.shared();
    private TestExplainer explainer;
    private Process child;
    private ConfigurableApplicationContext restarted;

    @AfterEach
    void stop() {
        if (child != null) {
            child.destroyForcibly();
        }
        if (restarted != null) {
            restarted.close();
        }
        if (explainer != null) {
            explainer.close();
        }
    }

    @Test
    void aJobRunningWhenTheServiceWasKilledIsFinishedByTheNextStart() throws Exception {
        explainer = TestExplainer.start();
        Path input = JobFixture.input(temp);
        Map<String, String> reference = JobFixture.reference(input, temp.resolve("reference"), explainer.baseUrl());
        Path output = temp.resolve("out");
        Path jobs = temp.resolve("jobs");
        List<String> arguments = List.of(
                "--server.port=" + freePort(),
                "--dashboard.jobs.state-dir=" + jobs,
                "--dashboard.jobs.explainer-url=" + explainer.baseUrl());
        explainer.pauseAfter(2L * LINES + 4);
        child = startChild(arguments);
        String base = "http://127.0.0.1:" + arguments.get(0).substring("--server.port=".length());
        JobFixture.await(() -> "the service in the child JVM answers; its log:\n" + log(), () -> answers(base));

        String id = submit(base, JobFixture.spec(input, output)).path("id").asString();
        JobFixture.await("the job is held in its third file", () -> explainer.paused() == 1);
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        JsonNode left = mapper.readTree(jobs.resolve(id + ".json").toFile());
        assertThat(left.path("state").asString()).isEqualTo("RUNNING");
        assertThat(JobFixture.finishedFiles(output)).isEqualTo(2);
        assertThat(JobFixture.visibleOutputs(output)).hasSize(2);
        explainer.resume();
        long explainedBefore = explainer.recordsExplained();

        restarted = DashboardApplication.start(arguments.toArray(String[]::new));
        JsonNode[] job = new JsonNode[1];
        JobFixture.await(
                () -> "the job ends after the restart; it is " + job[0],
                () -> (job[0] = get(base + "/api/jobs/" + id)).path("ended").isString());

        assertThat(job[0].path("state").asString()).isEqualTo("COMPLETED");
        assertThat(job[0].path("attempts").asInt()).isEqualTo(2);
        assertThat(job[0].path("notes").get(0).asString()).startsWith("resumed after a restart of the service");
        assertThat(JobFixture.visibleOutputs(output)).isEqualTo(reference);
        assertThat(explainer.recordsExplained() - explainedBefore)
                .as("records of the two unfinished files (and the request held when the service died)")
                .isBetween(2L * LINES, 2L * LINES + 1);
        assertThat(Files.readString(jobs.resolve(id + ".json"))).contains("\"state\" : \"COMPLETED\"");
    }

    private Process startChild(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DashboardApplication.class.getName()));
        command.addAll(arguments);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("child.log").toFile())
                .start();
    }

    private String log() {
        try {
            return Files.readString(temp.resolve("child.log"));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean answers(String base) {
        if (!child.isAlive()) {
            throw new IllegalStateException("the child service ended early:\n" + log());
        }
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(base + "/api/jobs"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode get(String url) {
        try {
            return mapper.readTree(
                    http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                            .body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode submit(String base, com.example.credit.batch.job.TransformJobSpec spec) throws Exception {
        HttpResponse<String> csrf = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/csrf")).build(), HttpResponse.BodyHandlers.ofString());
        String token = mapper.readTree(csrf.body()).path("token").asString();
        ObjectNode submission = mapper.createObjectNode();
        submission.set("job", TransformJobJson.write(spec, mapper));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/jobs"))
                        .header("Content-Type", "application/json")
                        .header("X-XSRF-TOKEN", token)
                        .header("Cookie", "XSRF-TOKEN=" + token)
                        .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(submission)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return mapper.readTree(response.body());
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
