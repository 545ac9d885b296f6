package com.example.credit.batch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.example.credit.batch.report.LabelReader;
import com.example.credit.batch.runs.HandMadeRun;
import com.example.credit.batch.runs.StoredRuns;
import com.example.credit.batch.storage.Location;
import com.example.credit.batch.storage.S3Storage;
import com.example.credit.batch.storage.TestS3;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard serving runs on S3 (S3Mock on loopback) through Spring Cloud AWS, configured as a deployment would
 * be ({@code spring.cloud.aws.*}: the S3 endpoint with path-style access, a static region and credentials): the
 * hand-made run with its labels and model on S3, not yet indexed, and a second run whose index is rewritten from
 * outside while the service runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class S3RunsApiTests {

    @RegisterExtension
    static final S3MockExtension S3 = TestS3.extension();

    static final Path ROOT = HandMadeRunFixture.create("s3-runs-api-");
    static final String RUN = "s3://" + TestS3.BUCKET + "/api/statlog/run";
    static final String CHANGING = "s3://" + TestS3.BUCKET + "/api/changing/run";

    @DynamicPropertySource
    static void runs(DynamicPropertyRegistry registry) {
        // S3Mock is up (its extension starts before the context): the runs go to S3 before the service checks them.
        try (S3Client client = TestS3.client(S3, null)) {
            TestS3.upload(client, ROOT.resolve("run"), "api/statlog/run");
            TestS3.upload(client, ROOT.resolve("label_test"), "api/statlog/label_test");
            TestS3.upload(client, ROOT.resolve("model"), "api/statlog/model");
            TestS3.upload(client, ROOT.resolve("run"), "api/changing/run");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("dashboard.runs[0].id", () -> HandMadeRunFixture.ID);
        registry.add("dashboard.runs[0].output", () -> RUN);
        registry.add("dashboard.runs[0].labels", () -> "s3://" + TestS3.BUCKET + "/api/statlog/label_test");
        registry.add("dashboard.runs[0].model", () -> "s3://" + TestS3.BUCKET + "/api/statlog/model");
        registry.add("dashboard.runs[1].id", () -> "changing");
        registry.add("dashboard.runs[1].output", () -> CHANGING);
        registry.add("dashboard.cache-dir", () -> ROOT.resolve("cache").toString());
        // Every request asks S3 whether index.json changed, so that the test needs no clock.
        registry.add("dashboard.cache-check-interval", () -> "0s");
        registry.add("spring.cloud.aws.s3.enabled", () -> "true");
        registry.add("spring.cloud.aws.s3.endpoint", () -> TestS3.endpoint(S3).toString());
        registry.add("spring.cloud.aws.s3.path-style-access-enabled", () -> "true");
        registry.add("spring.cloud.aws.region.static", () -> TestS3.REGION);
        registry.add("spring.cloud.aws.credentials.access-key", () -> TestS3.ACCESS_KEY);
        registry.add("spring.cloud.aws.credentials.secret-key", () -> TestS3.SECRET_KEY);
        registry.add("server.port", () -> "0");
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> send(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<byte[]> response = send(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JsonMapper.shared().readTree(response.body());
    }

    @Test
    void indexesTheS3RunOnFirstUseUploadsItsIndexAndSummarisesIt() throws Exception {
        JsonNode summary = json("/api/runs/statlog-42/summary");

        assertThat(summary.path("records").asLong()).isEqualTo(10);
        assertThat(summary.path("labelled").asLong()).isEqualTo(10);
        assertThat(summary.path("auc").asDouble()).isEqualTo(0.64, within(1e-12));
        assertThat(summary.has("files")).isFalse();
        try (S3Client client = TestS3.client(S3, null)) {
            assertThat(TestS3.keys(client, "api/statlog/run/.dashboard/"))
                    .contains("api/statlog/run/.dashboard/index.json", "api/statlog/run/.dashboard/offsets.i64");
        }
        assertThat(json("/api/runs").get(0).path("indexed").asBoolean()).isTrue();
    }

    @Test
    void pagesTheApplicantsOfTheS3Run() throws Exception {
        JsonNode page = json("/api/runs/statlog-42/applicants?filter="
                + URLEncoder.encode("label=1,score<0.7", StandardCharsets.UTF_8) + "&sort=score_asc&size=2");

        assertThat(page.path("total").asLong()).isEqualTo(3);
        assertThat(page.path("rows").valueStream().map(row -> row.path("rowId").asString()))
                .containsExactly(HandMadeRun.rowId(0), HandMadeRun.rowId(5));
    }

    @Test
    void showsAnApplicantReadFromTheS3Output() throws Exception {
        JsonNode applicant = json("/api/runs/statlog-42/applicants/" + HandMadeRun.rowId(7));

        assertThat(applicant.path("label").asBoolean()).isTrue();
        assertThat(applicant.path("data").path("credit__amount").asInt()).isEqualTo(1007);
        assertThat(applicant.path("prediction").asDouble()).isEqualTo(0.75);
        assertThat(send("/api/runs/statlog-42/applicants/00000000000000aa").statusCode())
                .isEqualTo(404);
    }

    @Test
    void writesThePdfWithTheDigestOfTheModelOnS3() throws Exception {
        HttpResponse<byte[]> pdf = send("/api/runs/statlog-42/applicants/" + HandMadeRun.rowId(1) + "/report.pdf");

        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
        String text = new com.lowagie.text.pdf.parser.PdfTextExtractor(new com.lowagie.text.pdf.PdfReader(pdf.body()))
                .getTextFromPage(1);
        String digest = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(ROOT.resolve("model/model.json"))));
        assertThat(text.replaceAll("\\s+", " ")).contains("Decision: approved.").contains("Outcome: repaid.");
        assertThat(text.replaceAll("\\s+", "")).contains("sha256:" + digest);
    }

    @Test
    void servesTheNewIndexOnceIndexJsonChangedOnS3() throws Exception {
        assertThat(json("/api/runs/changing/summary").path("labelled").asLong()).isZero();

        // Another machine indexes the run again, now with its labels, and uploads the new index.
        try (S3Client client = TestS3.client(S3, null)) {
            S3Storage storage = S3Storage.of(client);
            StoredRuns elsewhere = new StoredRuns(storage, ROOT.resolve("other-cache"), FeatureCatalog.standard());
            elsewhere.index(
                    Location.parse(CHANGING),
                    LabelReader.read(
                            storage,
                            Location.parse("s3://" + TestS3.BUCKET + "/api/statlog/label_test"),
                            JsonMapper.shared()));
        }

        assertThat(json("/api/runs/changing/summary").path("labelled").asLong()).isEqualTo(10);
        assertThat(json("/api/runs/changing/applicants/" + HandMadeRun.rowId(7))
                        .path("label")
                        .asBoolean())
                .isTrue();
    }
}
