package com.example.credit.explainer;

import static com.example.credit.explainer.HttpSupport.contentType;
import static com.example.credit.explainer.HttpSupport.json;
import static com.example.credit.explainer.InvocationEndpointTests.csvRow;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ProblemResponseTests extends ServiceTestBase {

    private final ObjectNode application = ModelFixture.applications(1).get(0);

    @Test
    void rejectsAnUnknownCategoryNamingTheFieldAndTheRule() {
        ObjectNode invalid = application.deepCopy().put("credit__purpose", "yacht");

        JsonNode problem = problem(invoke(invalid.toString(), "application/json"), 400);

        assertThat(problem.get("title").asString()).isEqualTo("Invalid application");
        assertThat(problem.get("fields").get(0).asString()).isEqualTo("credit__purpose");
        JsonNode violation = problem.get("violations").get(0);
        assertThat(violation.get("field").asString()).isEqualTo("credit__purpose");
        assertThat(violation.get("rule").asString()).isEqualTo("enum");
        assertThat(violation.get("record").asInt()).isEqualTo(1);
        assertThat(problem.get("detail").asString()).contains("credit__purpose", "yacht", "enum");
    }

    @Test
    void rejectsMissingAndExtraFieldsOfEveryRecordAtOnce() {
        ObjectNode missing = application.deepCopy();
        missing.remove("credit__amount");
        ObjectNode extra = application.deepCopy().put("personal__name", "Alex");

        JsonNode problem = problem(invoke("[" + missing + "," + extra + "]", "application/json"), 400);

        List<String> described = new ArrayList<>();
        problem.get("violations")
                .forEach(v -> described.add(v.get("record").asInt() + ":"
                        + v.get("field").asString() + ":" + v.get("rule").asString()));
        assertThat(described).containsExactly("1:credit__amount:required", "2:personal__name:additionalProperties");
    }

    @Test
    void rejectsANumberSentAsTextInCsvNamingTheFieldAndLine() {
        String good = csvRow(application);
        String bad = good.replaceFirst("^([^,]*),([^,]*),", "$1,lots,");

        JsonNode problem = problem(invoke(good + "\n" + bad + "\n", "text/csv"), 400);

        JsonNode violation = problem.get("violations").get(0);
        assertThat(violation.get("field").asString()).isEqualTo("credit__amount");
        assertThat(violation.get("rule").asString()).isEqualTo("type");
        assertThat(violation.get("line").asInt()).isEqualTo(2);
    }

    @Test
    void rejectsMalformedJsonWithItsLine() {
        JsonNode problem =
                problem(invoke("[\n" + application + ",\n{\"credit__amount\": }\n]", "application/json"), 400);

        assertThat(problem.get("title").asString()).isEqualTo("Malformed request body");
        assertThat(problem.get("line").asInt()).isEqualTo(3);
        assertThat(problem.get("detail").asString()).startsWith("malformed JSON at line 3");
    }

    @Test
    void rejectsAMalformedJsonLinesLineByNumber() {
        String body = application + "\n" + application + "\n{not json\n";

        JsonNode problem = problem(invoke(body, "application/jsonlines"), 400);

        assertThat(problem.get("line").asInt()).isEqualTo(3);
        assertThat(problem.get("detail").asString()).contains("line 3");
    }

    @Test
    void rejectsACsvLineWithTheWrongColumnCount() {
        String row = csvRow(application);
        String shortRow = row.substring(0, row.lastIndexOf(','));

        JsonNode problem = problem(invoke(row + "\n" + shortRow + "\n", "text/csv"), 400);

        assertThat(problem.get("line").asInt()).isEqualTo(2);
        assertThat(problem.get("detail").asString()).startsWith("line 2 has 19 values, a record has 20");
    }

    @Test
    void rejectsAnEmptyBody() {
        JsonNode problem = problem(invoke("", "application/json"), 400);

        assertThat(problem.get("detail").asString()).contains("empty");
    }

    @Test
    void rejectsAnUnknownEntityListingTheAllowedOnes() {
        JsonNode problem = problem(invoke(application.toString(), "application/json;entities=prediction,magic"), 400);

        assertThat(problem.get("entity").asString()).isEqualTo("magic");
        List<String> allowed = new ArrayList<>();
        problem.get("allowed_entities").forEach(e -> allowed.add(e.asString()));
        assertThat(allowed)
                .containsExactly(
                        "data",
                        "features",
                        "descriptions",
                        "prediction",
                        "explanation_shap_values",
                        "explanation_shap_interaction_values",
                        "reasons");
        assertThat(problem.get("detail").asString()).contains("magic", "explanation_shap_values");
    }

    @Test
    void rejectsAnUnknownExplanationFormat() {
        HttpResponse<String> response = http().post(
                        "/invocations",
                        application.toString(),
                        "Content-Type",
                        "application/json",
                        "X-Amzn-SageMaker-Custom-Attributes",
                        "explanation_format=lime");

        assertThat(problem(response, 400).get("detail").asString()).contains("lime");
    }

    @Test
    void rejectsAnUnsupportedContentTypeWith415() {
        JsonNode problem = problem(invoke(application.toString(), "application/xml"), 415);

        assertThat(problem.get("detail").asString()).contains("application/xml");
        assertThat(problem.get("supported_content_types").size()).isEqualTo(3);
    }

    @Test
    void rejectsARequestWithoutContentTypeWith415() {
        HttpResponse<String> response = http().post("/invocations", application.toString());

        problem(response, 415);
    }

    @Test
    void rejectsAnAcceptHeaderItCannotSatisfyWith406() {
        HttpResponse<String> response = http().post(
                        "/invocations",
                        application.toString(),
                        "Content-Type",
                        "application/json",
                        "Accept",
                        "text/csv");

        assertThat(problem(response, 406).get("detail").asString()).contains("text/csv");
    }

    @Test
    void rejectsJsonLinesForTheClarifyShapeWith406() {
        HttpResponse<String> response = http().post(
                        "/invocations",
                        application.toString(),
                        "Content-Type",
                        "application/json;explanation_format=clarify",
                        "Accept",
                        "application/jsonlines");

        problem(response, 406);
    }

    @Test
    void rejectsAPayloadOverTheSixMegabyteLimitWith413() {
        byte[] body = new byte[6 * 1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');

        JsonNode problem = problem(http().post("/invocations", body, "Content-Type", "application/json"), 413);

        assertThat(problem.get("max_payload_mb").asInt()).isEqualTo(6);
        assertThat(problem.get("detail").asString()).contains("6291457 bytes");
    }

    @Test
    void acceptsAPayloadJustUnderTheLimit() {
        String padded = application.toString()
                + " ".repeat(6 * 1024 * 1024 - application.toString().length());

        assertThat(invoke(padded, "application/json").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> invoke(String body, String contentType) {
        return http().post("/invocations", body, "Content-Type", contentType);
    }

    /** Checks the status and the RFC 9457 shape, and returns the problem. */
    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(contentType(response)).startsWith("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).startsWith("urn:credit-explainer:problem:");
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.get("instance").asString()).isEqualTo("/invocations");
        return problem;
    }
}
