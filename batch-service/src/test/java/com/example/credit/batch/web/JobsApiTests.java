package com.example.credit.batch.web;

import static com.example.credit.batch.jobs.JobFixture.FILES;
import static com.example.credit.batch.jobs.JobFixture.LINES;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.batch.TestExplainer;
import com.example.credit.batch.job.TransformJobJson;
import com.example.credit.batch.jobs.JobFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The jobs API over HTTP on a real server whose local jobs call a real explainer: submit (with the CSRF token only),
 * follow a job to its end, list, stop, and the errors as problem details.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JobsApiTests {

    static final Path ROOT = HandMadeRunFixture.create("jobs-api-");
    static final TestExplainer EXPLAINER = TestExplainer.start();
    static final Path INPUT;

    static {
        try {
            INPUT = JobFixture.input(ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HandMadeRunFixture.register(registry, ROOT);
        registry.add("dashboard.jobs.explainer-url", () -> EXPLAINER.baseUrl().toString());
    }

    @AfterAll
    static void stopExplainer() {
        EXPLAINER.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper mapper = JsonMapper.shared();

    /** An answer: status, Location, body as JSON (or null when empty). */
    record Answer(int status, String location, String contentType, JsonNode body) {}

    private Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Location").orElse(null),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body().isEmpty() ? null : mapper.readTree(response.body()));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    /** The token and the cookie that carries it, as a browser would hold them after GET /api/csrf. */
    private Map<String, String> csrf() throws Exception {
        HttpResponse<String> response = http.send(request("/api/csrf").build(), HttpResponse.BodyHandlers.ofString());
        String cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("XSRF-TOKEN="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie in " + response.headers()));
        JsonNode body = mapper.readTree(response.body());
        return Map.of(
                "header", body.path("header_name").asString(),
                "token", body.path("token").asString(),
                "cookie", cookie.substring(0, cookie.indexOf(';')));
    }

    private HttpRequest.Builder withCsrf(HttpRequest.Builder request) throws Exception {
        Map<String, String> csrf = csrf();
        return request.header(csrf.get("header"), csrf.get("token")).header("Cookie", csrf.get("cookie"));
    }

    private Answer submit(ObjectNode submission) throws Exception {
        return send(withCsrf(request("/api/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(submission))));
    }

    private ObjectNode submission(String output) {
        ObjectNode submission = mapper.createObjectNode();
        submission.put("backend", "local");
        submission.set("job", TransformJobJson.write(JobFixture.spec(INPUT, ROOT.resolve(output)), mapper));
        return submission;
    }

    private JsonNode awaitEnd(String id) throws Exception {
        JsonNode[] last = new JsonNode[1];
        JobFixture.await(() -> "job " + id + " ends; it is " + last[0], () -> {
            try {
                last[0] = send(request("/api/jobs/" + id)).body();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return last[0].path("ended").isString();
        });
        return last[0];
    }

    @Test
    void submittingOrStoppingAJobNeedsTheCsrfToken() throws Exception {
        Answer withoutToken = send(request("/api/jobs")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(submission("no-token")))));
        Answer stopWithoutToken = send(request("/api/jobs/any").DELETE());
        Map<String, String> csrf = csrf();
        Answer tokenWithoutCookie = send(request("/api/jobs")
                .header(csrf.get("header"), csrf.get("token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(submission("no-cookie")))));

        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(stopWithoutToken.status()).isEqualTo(403);
        assertThat(tokenWithoutCookie.status()).isEqualTo(403);
        assertThat(csrf.get("header")).isEqualTo("X-XSRF-TOKEN");
        assertThat(ROOT.resolve("no-token")).doesNotExist();
        assertThat(ROOT.resolve("no-cookie")).doesNotExist();
    }

    @Test
    void aSubmittedJobRunsToItsEndWithItsProgressAndIsListed() throws Exception {
        Answer accepted = submit(submission("out-complete"));

        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.body().path("id").asString();
        assertThat(accepted.location()).isEqualTo("/api/jobs/" + id);
        assertThat(accepted.body().path("state").asString()).isEqualTo("QUEUED");
        assertThat(accepted.body()
                        .path("job")
                        .path("TransformOutput")
                        .path("S3OutputPath")
                        .asString())
                .isEqualTo(ROOT.resolve("out-complete").toString());
        JsonNode done = awaitEnd(id);
        assertThat(done.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(done.path("progress").path("records_done").asLong()).isEqualTo((long) FILES * LINES);
        assertThat(done.path("progress").path("records_total").asLong()).isEqualTo((long) FILES * LINES);
        assertThat(done.path("progress").path("error_records").asLong()).isZero();
        assertThat(done.path("explainer").asString())
                .isEqualTo(EXPLAINER.baseUrl().toString());
        assertThat(JobFixture.visibleOutputs(ROOT.resolve("out-complete"))).hasSize(FILES);
        JsonNode list = send(request("/api/jobs")).body();
        assertThat(list.valueStream().map(job -> job.path("id").asString())).contains(id);
    }

    @Test
    void aDeleteStopsARunningJobAndASecondDeleteIsAConflict() throws Exception {
        EXPLAINER.pauseAfter(3);
        String id;
        try {
            id = submit(submission("out-stopped")).body().path("id").asString();
            JobFixture.await("the job is held", () -> EXPLAINER.paused() == 1);

            Answer stop = send(withCsrf(request("/api/jobs/" + id)).DELETE());

            assertThat(stop.status()).isEqualTo(202);
            assertThat(stop.body().path("state").asString()).isIn("STOPPING", "STOPPED");
        } finally {
            EXPLAINER.resume();
        }
        JsonNode stopped = awaitEnd(id);
        assertThat(stopped.path("state").asString()).isEqualTo("STOPPED");
        assertThat(JobFixture.visibleOutputs(ROOT.resolve("out-stopped"))).isEmpty();
        Answer again = send(withCsrf(request("/api/jobs/" + id)).DELETE());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.body().path("detail").asString()).isEqualTo("job " + id + " has already ended (STOPPED)");
    }

    @Test
    void badSubmissionsAre400ProblemDetailsNamingTheFieldAndUnknownJobs404() throws Exception {
        ObjectNode noInput = submission("bad-1");
        ((ObjectNode) noInput.path("job")).remove("TransformInput");
        ObjectNode misspelt = submission("bad-2");
        ((ObjectNode) misspelt.path("job")).put("MaxConcurrentTransform", 2);
        ObjectNode badBackend = submission("bad-3");
        badBackend.put("backend", "gcp");
        ObjectNode s3Output = submission("bad-4");
        ((ObjectNode) s3Output.path("job").path("TransformOutput")).put("S3OutputPath", "s3://bucket/out");
        ObjectNode awsWithoutModel = submission("bad-5");
        awsWithoutModel.put("backend", "aws");

        Map<ObjectNode, String> expected = Map.of(
                noInput, "TransformInput=null is invalid: is required",
                misspelt, "MaxConcurrentTransform='2' is invalid: is not a field here; the fields are ",
                badBackend, "backend='gcp' is invalid: must be local or aws",
                s3Output,
                        "TransformOutput.S3OutputPath='s3://bucket/out' is invalid: is an S3 location; a local job"
                                + " reads and writes local files (use backend aws)",
                awsWithoutModel, "ModelName=null is invalid: is required by the AWS back end");
        for (Map.Entry<ObjectNode, String> bad : expected.entrySet()) {
            Answer answer = submit(bad.getKey());
            assertThat(answer.status()).as(bad.getValue()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body().path("type").asString())
                    .isEqualTo("https://credit-decisions.example/problems/bad-job");
            assertThat(answer.body().path("detail").asString()).startsWith(bad.getValue());
        }
        Answer notJson = send(withCsrf(request("/api/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().path("detail").asString()).isEqualTo("the request body is not JSON");
        Answer unknown = send(request("/api/jobs/job-nope"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("detail").asString()).isEqualTo("no job 'job-nope'; GET /api/jobs lists them");
        assertThat(send(withCsrf(request("/api/jobs/job-nope")).DELETE()).status())
                .isEqualTo(404);
    }
}
