package com.example.credit.batch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.batch.runs.ExportFile;
import com.example.credit.batch.runs.HandMadeRun;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runs API over HTTP on a real server, with the hand-made run (its figures are worked out in
 * {@link HandMadeRun}) configured with its labels and protected attributes, its lines with interaction values, and not
 * yet indexed: the first request indexes it; and the same run without any of those ({@code plain}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RunsApiTests {

    static final Path ROOT = HandMadeRunFixture.create("runs-api-");
    static final Path RUN = ROOT.resolve("run");

    @DynamicPropertySource
    static void runs(DynamicPropertyRegistry registry) {
        HandMadeRunFixture.register(registry, ROOT);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    /** A GET answer: the status, its content type and the body as JSON. */
    record Answer(int status, String contentType, JsonNode body) {}

    private Answer get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                JsonMapper.shared().readTree(response.body()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void indexesTheRunOnFirstUseAndSummarisesIt() throws Exception {
        Answer summary = get("/api/runs/statlog-42/summary");

        assertThat(summary.status()).isEqualTo(200);
        assertThat(RUN.resolve(".dashboard/index.json")).exists();
        assertThat(summary.body().path("id").asString()).isEqualTo("statlog-42");
        assertThat(summary.body().path("records").asLong()).isEqualTo(10);
        assertThat(summary.body().path("labelled").asLong()).isEqualTo(10);
        assertThat(summary.body().path("auc").asDouble())
                .isEqualTo(0.64, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(summary.body().path("importance").get(0).path("feature").asString())
                .isEqualTo("credit__amount");
        // Server-side file names stay on the server.
        assertThat(summary.body().has("files")).isFalse();
        assertThat(get("/api/runs").body().get(0).path("indexed").asBoolean()).isTrue();
    }

    @Test
    void pagesApplicantsUnderAFilterAndASort() throws Exception {
        Answer page = get("/api/runs/statlog-42/applicants?filter=" + encode("label=1,score<0.7")
                + "&sort=score_asc&page=0&size=2");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().path("total").asLong()).isEqualTo(3); // rows 0, 5 and 6
        assertThat(page.body().path("rows").valueStream().map(row -> row.path("rowId")
                        .asString()))
                .containsExactly(HandMadeRun.rowId(0), HandMadeRun.rowId(5));
        assertThat(page.body().path("rows").get(1).path("reasons").toString()).isEqualTo("[\"credit__duration\"]");
    }

    @Test
    void showsOneApplicantWithItsDataExplanationReasonsAndLabel() throws Exception {
        Answer applicant = get("/api/runs/statlog-42/applicants/" + HandMadeRun.rowId(7));

        assertThat(applicant.status()).isEqualTo(200);
        assertThat(applicant.body().path("label").asBoolean()).isTrue();
        assertThat(applicant.body().path("data").path("credit__amount").asInt()).isEqualTo(1007);
        assertThat(applicant.body().path("data").has("SageMakerOutput")).isFalse();
        assertThat(applicant.body().path("prediction").asDouble()).isEqualTo(0.75);
        assertThat(applicant
                        .body()
                        .path("explanation")
                        .path("shap_values")
                        .path("credit__amount")
                        .asDouble())
                .isEqualTo(0.1 * 7 - 0.45);
        assertThat(applicant
                        .body()
                        .path("reasons")
                        .path("reasons")
                        .get(0)
                        .path("feature")
                        .asString())
                .isEqualTo("credit__duration");
    }

    @Test
    void samplesADependenceAndPicksARandomApplicantWithASeed() throws Exception {
        Answer dependence = get("/api/runs/statlog-42/dependence?feature=credit__amount&points=10");
        assertThat(dependence.status()).isEqualTo(200);
        // The run has interaction values: credit__purpose interacts most with credit__amount (mean |φ_ij| 0.014).
        assertThat(dependence.body().path("colour").asString()).isEqualTo("credit__purpose");
        assertThat(dependence.body().path("colourBasis").asString()).isEqualTo("strongest_interaction");
        assertThat(dependence.body().path("x").size()).isEqualTo(10);
        // Without them: the approximation, credit__duration (|r| = 1 with credit__amount's φ).
        Answer plain = get("/api/runs/plain/dependence?feature=credit__amount&points=10");
        assertThat(plain.body().path("colour").asString()).isEqualTo("credit__duration");
        assertThat(plain.body().path("colourBasis").asString()).isEqualTo("best_correlation");
        assertThat(plain.body().path("colourMethod").asString()).startsWith("approximate: ");

        Answer random = get("/api/runs/statlog-42/applicants/random?filter=" + encode("label=0") + "&seed=11");
        assertThat(random.status()).isEqualTo(200);
        assertThat(random.body().path("row_id").asString())
                .isIn(
                        HandMadeRun.rowId(1),
                        HandMadeRun.rowId(2),
                        HandMadeRun.rowId(3),
                        HandMadeRun.rowId(4),
                        HandMadeRun.rowId(9));
        assertThat(get("/api/runs/statlog-42/applicants/random?filter=" + encode("label=0") + "&seed=11")
                        .body())
                .isEqualTo(random.body());
    }

    @Test
    void answersUnknownRunsAndApplicantsWith404ProblemDetails() throws Exception {
        Answer run = get("/api/runs/nope/summary");
        assertThat(run.status()).isEqualTo(404);
        assertThat(run.contentType()).startsWith("application/problem+json");
        assertThat(run.body().path("type").asString()).isEqualTo(ApiErrors.TYPES + "unknown-run");
        assertThat(run.body().path("detail").asString()).isEqualTo("no run 'nope'; the runs are [statlog-42, plain]");

        Answer applicant = get("/api/runs/statlog-42/applicants/00000000000000aa");
        assertThat(applicant.status()).isEqualTo(404);
        assertThat(applicant.body().path("type").asString()).isEqualTo(ApiErrors.TYPES + "unknown-applicant");
        assertThat(get("/api/runs/statlog-42/applicants/random?filter=" + encode("score>2"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void answersBadQueriesWith400ProblemDetailsNamingTheRule() throws Exception {
        Answer filter = get("/api/runs/statlog-42/applicants?filter=" + encode("colour=red"));
        assertThat(filter.status()).isEqualTo(400);
        assertThat(filter.contentType()).startsWith("application/problem+json");
        assertThat(filter.body().path("type").asString()).isEqualTo(ApiErrors.TYPES + "bad-query");
        assertThat(filter.body().path("detail").asString())
                .startsWith("filter term 'colour=red': 'colour' is neither label, score, reason nor a feature");

        assertThat(get("/api/runs/statlog-42/applicants?size=101")
                        .body()
                        .path("detail")
                        .asString())
                .isEqualTo("page size 101 must be between 1 and 100");
        assertThat(get("/api/runs/statlog-42/applicants?sort=name").status()).isEqualTo(400);
        assertThat(get("/api/runs/statlog-42/applicants?page=first")
                        .body()
                        .path("detail")
                        .asString())
                .isEqualTo("parameter page = 'first' is not a valid int");
        assertThat(get("/api/runs/statlog-42/dependence?feature=credit__amount&points=5001")
                        .status())
                .isEqualTo(400);
        assertThat(get("/api/runs/statlog-42/dependence?feature=colour").status())
                .isEqualTo(400);
    }

    @Test
    void samplesABeeswarmOfTheTopFeaturesWithTheSameRowsForTheSameSeed() throws Exception {
        Answer beeswarm = get("/api/runs/statlog-42/beeswarm?features=3&points=10");

        assertThat(beeswarm.status()).isEqualTo(200);
        assertThat(beeswarm.body().path("seed").asLong()).isEqualTo(42);
        assertThat(beeswarm.body().path("population").asInt()).isEqualTo(10);
        assertThat(beeswarm.body().path("rows").size()).isEqualTo(10);
        JsonNode amount = beeswarm.body().path("features").get(0);
        assertThat(beeswarm.body().path("features").size()).isEqualTo(3);
        assertThat(amount.path("feature").asString()).isEqualTo("credit__amount");
        assertThat(amount.path("colouring").asString()).isEqualTo("value_rank");
        // Row 3: φ = 0.1 * 3 - 0.45; 1003 is the middle of quantiles q_28..q_38 of 1000..1009 (RunIndexTests).
        assertThat(amount.path("phi").get(3).asDouble()).isEqualTo(0.1 * 3 - 0.45, within(1e-6));
        assertThat(amount.path("position").get(3).asDouble()).isEqualTo(0.33, within(1e-6));
        assertThat(get("/api/runs/statlog-42/beeswarm?features=3&points=10").body())
                .isEqualTo(beeswarm.body());
    }

    @Test
    void answersTheBeeswarmOfAnUnknownRunWith404AndBadSizesWith400ProblemDetails() throws Exception {
        Answer unknown = get("/api/runs/nope/beeswarm");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("type").asString()).isEqualTo(ApiErrors.TYPES + "unknown-run");

        Answer features = get("/api/runs/statlog-42/beeswarm?features=21");
        assertThat(features.status()).isEqualTo(400);
        assertThat(features.contentType()).startsWith("application/problem+json");
        assertThat(features.body().path("type").asString()).isEqualTo(ApiErrors.TYPES + "bad-query");
        assertThat(features.body().path("detail").asString()).isEqualTo("features 21 must be between 1 and 20");
        assertThat(get("/api/runs/statlog-42/beeswarm?points=2001")
                        .body()
                        .path("detail")
                        .asString())
                .isEqualTo("points 2001 must be between 1 and 2000");
        assertThat(get("/api/runs/statlog-42/beeswarm?features=all")
                        .body()
                        .path("detail")
                        .asString())
                .isEqualTo("parameter features = 'all' is not a valid int");
    }

    @Test
    void filtersByProtectedGroupWithoutShowingAnyonesGroup() throws Exception {
        Answer female = get(
                "/api/runs/statlog-42/applicants?sort=row_id&filter=" + encode("protected.personal__gender=female"));

        assertThat(female.status()).isEqualTo(200);
        assertThat(female.body().path("rows").valueStream().map(row -> row.path("rowId")
                        .asString()))
                .containsExactly(
                        HandMadeRun.rowId(0), HandMadeRun.rowId(2), HandMadeRun.rowId(6), HandMadeRun.rowId(8));
        assertThat(female.body().toString()).doesNotContain("female");
        Answer summary = get("/api/runs/statlog-42/summary");
        assertThat(summary.body().path("protected").path("matched").asLong()).isEqualTo(9);
        assertThat(get("/api/runs").body().get(0).path("protected").asBoolean()).isTrue();
        // The applicant's answer holds the line the explainer wrote: no protected attribute in it.
        assertThat(get("/api/runs/statlog-42/applicants/" + HandMadeRun.rowId(2))
                        .body()
                        .toString())
                .doesNotContain("personal__age", "personal__gender", "personal__relationship_status", "female");
    }

    @Test
    void summarisesTheRunsFairnessAndShowsNoApplicantsGroupInAnyAnswer() throws Exception {
        JsonNode summary = get("/api/runs/statlog-42/summary").body();

        // Fairness is part of the summary: the bias report of the nine labelled applicants with protected attributes.
        JsonNode fairness = summary.path("fairness");
        assertThat(fairness.path("rows").path("analysed").asLong()).isEqualTo(9);
        assertThat(fairness.path("post_training").path("facets").valueStream().map(f -> f.path("name")
                        .asString()))
                .containsExactlyElementsOf(com.example.credit.core.bias.Facets.standard().stream()
                        .map(com.example.credit.core.bias.Facet::name)
                        .toList());
        assertThat(fairness.path("explanations_by_group").size()).isEqualTo(10);
        assertThat(get("/api/runs/plain/summary").body().path("fairness").isNull())
                .isTrue();
        for (int r = 0; r < 10; r++) {
            assertThat(get("/api/runs/statlog-42/applicants/" + HandMadeRun.rowId(r))
                            .body()
                            .toString())
                    .as("applicant %d", r)
                    .doesNotContain(
                            "personal__age",
                            "personal__gender",
                            "personal__relationship_status",
                            "female",
                            "married",
                            "divorced",
                            "widowed");
        }
        JsonNode page = get("/api/runs/statlog-42/applicants?size=10").body();
        assertThat(page.toString()).doesNotContain("personal__", "female", "married", "divorced", "widowed");
        assertThat(summary.toString()).doesNotContain(HandMadeRun.rowId(3));
    }

    @Test
    void answersAProtectedGroupTermOnARunWithoutProtectedAttributesWith400() throws Exception {
        Answer plain = get("/api/runs/plain/applicants?filter=" + encode("protected.age_band=25-34"));

        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.contentType()).startsWith("application/problem+json");
        assertThat(plain.body().path("type").asString()).isEqualTo(ApiErrors.TYPES + "bad-query");
        assertThat(plain.body().path("detail").asString())
                .startsWith("filter term 'protected.age_band=25-34': the run has no protected attributes");
        assertThat(get("/api/runs/plain/summary").body().path("protected").isNull())
                .isTrue();
        assertThat(get("/api/runs/statlog-42/applicants?filter=" + encode("protected.age_band=30"))
                        .status())
                .isEqualTo(400);
    }

    private HttpResponse<byte[]> bytes(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void downloadsTheRunsExportWhoseEveryAnswerIsTheServicesOwn() throws Exception {
        HttpResponse<byte[]> export = bytes("/api/runs/statlog-42/export.html");

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElse("")).isEqualTo("text/html;charset=UTF-8");
        assertThat(export.headers().firstValue("Content-Disposition").orElse(""))
                .isEqualTo("attachment; filename=\"statlog-42-export.html\"");
        JsonNode snapshot = ExportFile.snapshot(new String(export.body(), StandardCharsets.UTF_8));
        JsonNode answers = snapshot.path("answers");
        assertThat(answers.propertyNames()).hasSize(36); // list, summary, 3 beeswarms, 20 dependences, 1 page, 10
        for (String path : answers.propertyNames()) {
            Answer served = get("/" + path);
            assertThat(served.status()).as(path).isEqualTo(200);
            if (path.equals("api/runs")) {
                // The export lists its own run only, as the service lists it.
                assertThat(served.body().get(0)).isEqualTo(answers.path(path).get(0));
            } else {
                assertThat(answers.path(path)).as(path).isEqualTo(served.body());
            }
        }
        assertThat(bytes("/api/runs/statlog-42/export.html").body()).isEqualTo(export.body());
        assertThat(bytes("/api/runs/nope/export.html").statusCode()).isEqualTo(404);
    }

    @Test
    void writesAPrintablePageOfAnApplicantsDecisionReasonsWaterfallAndVersions() throws Exception {
        HttpResponse<byte[]> page = bytes("/api/runs/statlog-42/applicants/" + HandMadeRun.rowId(8) + "/report");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        String html = new String(page.body(), StandardCharsets.UTF_8);
        // Row 8: probability 0.85, at or above the default threshold 0.5.
        assertThat(html)
                .contains("<strong>Decision: declined.</strong> Estimated probability of default 85.0 %")
                .contains("Outcome: defaulted.")
                .contains("<li>Credit duration is 8: this raises the estimated probability of default.</li>")
                .contains("<li>Credit amount is 1008: this raises the estimated probability of default.</li>")
                .contains("sha256:" + sha256(ROOT.resolve("model/model.json")) + " (model.json)")
                .contains("path-dependent TreeSHAP, exact (log-odds)");
        // The waterfall: credit__amount's 0.1 * 8 - 0.45 = 0.35 is the largest step; ten steps, then the other ten.
        assertThat(html).contains("<td>Credit amount</td><td>1008</td><td class=\"num\">+0.350</td>");
        assertThat(html).contains("Other features (10)");
    }

    @Test
    void writesTheSameExplanationAsAPdfToDownload() throws Exception {
        HttpResponse<byte[]> pdf = bytes("/api/runs/statlog-42/applicants/" + HandMadeRun.rowId(1) + "/report.pdf");

        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElse(""))
                .isEqualTo("attachment; filename=\"credit-decision-" + HandMadeRun.rowId(1) + ".pdf\"");
        com.lowagie.text.pdf.PdfReader reader = new com.lowagie.text.pdf.PdfReader(pdf.body());
        String text = new com.lowagie.text.pdf.parser.PdfTextExtractor(reader).getTextFromPage(1);
        // Row 1: probability 0.15, below the threshold; it repaid.
        assertThat(text.replaceAll("\\s+", " "))
                .contains("Decision: approved.")
                .contains("Estimated probability of default 15.0 %")
                .contains("Outcome: repaid.")
                .contains("1. Credit duration is 1: this raises the estimated probability of default.");
        // The digest may wrap in its table cell.
        assertThat(text.replaceAll("\\s+", "")).contains("sha256:" + sha256(ROOT.resolve("model/model.json")));
        assertThat(bytes("/api/runs/statlog-42/applicants/00000000000000aa/report.pdf")
                        .statusCode())
                .isEqualTo(404);
    }
}
