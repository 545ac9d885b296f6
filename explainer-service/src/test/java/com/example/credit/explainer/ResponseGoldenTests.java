package com.example.credit.explainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pins the exact bytes of {@code /invocations} responses (status, Content-Type, body) on a corpus of requests that
 * crosses every request format (one JSON object, a JSON array, JSON Lines with blank and CRLF lines, CSV with a header
 * and an empty cell), response format (JSON, JSON Lines), explanation format (standard, clarify, original), entity
 * selection and method (path-dependent, interventional against both reference sets), with numbers written in unusual
 * ways and escaped strings that the {@code data} entity echoes, plus requests answered with a problem. The golden file
 * was written by the service before its request and response paths were rewritten to stream; any later change of a
 * byte fails here. Regenerate only on purpose: {@code -Dexplainer.golden.write=true}.
 */
class ResponseGoldenTests extends ServiceTestBase {

    static final Path GOLDEN = Path.of("src/test/resources/golden-responses/responses.jsonl");

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String CUSTOM_ATTRIBUTES = "X-Amzn-SageMaker-Custom-Attributes";

    /** One request of the corpus. */
    record Case(String name, String contentType, String accept, String customAttributes, String body) {}

    /** The corpus: every combination, in a fixed order. */
    static List<Case> corpus() {
        List<ObjectNode> applications = ModelFixture.applications(4);
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("json-object", applications.get(0).toString());
        bodies.put(
                "json-array",
                "["
                        + applications.subList(1, 4).stream()
                                .map(ObjectNode::toString)
                                .collect(Collectors.joining(",\n "))
                        + "]");
        bodies.put("json-object-odd-numbers", oddNumbers(applications.get(2).toString()));
        bodies.put(
                "jsonlines",
                applications.get(3).toString() + "\r\n\n  \n"
                        + applications.get(0).toString() + "\n"
                        + oddNumbers(applications.get(1).toString()) + "\n");
        bodies.put("csv", csv(applications, false));
        Map<String, String> contentTypes = Map.of(
                "json-object", "application/json",
                "json-array", "application/json",
                "json-object-odd-numbers", "application/json",
                "jsonlines", "application/jsonlines",
                "csv", "text/csv");
        List<String> entities = List.of(
                "",
                "entities=data,features,descriptions,prediction,explanation_shap_values,reasons",
                "entities=reasons,prediction,data",
                "entities=explanation_shap_interaction_values,prediction");
        List<String> formats = List.of("", "explanation_format=clarify", "explanation_format=original");
        List<String> methods = List.of(
                "", "explanation_method=interventional", "explanation_method=interventional;reference=approved");
        List<String> accepts = List.of("", "application/jsonlines");
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            for (String entity : entities) {
                for (String format : formats) {
                    for (String method : methods) {
                        for (String accept : accepts) {
                            String attributes = List.of(entity, format, method).stream()
                                    .filter(part -> !part.isEmpty())
                                    .collect(Collectors.joining(";"));
                            String name = body.getKey() + " [" + attributes + "] accept=" + accept;
                            cases.add(new Case(
                                    name, contentTypes.get(body.getKey()), accept, attributes, body.getValue()));
                        }
                    }
                }
            }
        }
        // Problems: a schema violation in a streamed value, a syntax error, an unknown entity.
        String wrongType =
                applications.get(0).toString().replace("\"credit__duration\":", "\"credit__duration\":\"x\",\"y\":");
        cases.add(new Case("problem: wrong type and unknown field", "application/json", "", "", wrongType));
        cases.add(new Case(
                "problem: a non-ASCII value",
                "application/jsonlines",
                "",
                "",
                applications.get(1).toString().replace("\"employment__type\":\"", "\"employment__type\":\"\\u00e9")));
        cases.add(new Case("problem: csv", "text/csv", "", "", csv(applications, true)));
        cases.add(new Case("problem: truncated", "application/json", "", "", "[" + applications.get(0) + ",{\"a\""));
        cases.add(new Case(
                "problem: unknown entity",
                "application/json",
                "",
                "entities=nope",
                applications.get(0).toString()));
        return cases;
    }

    /** Numbers the {@code data} entity echoes as their parsed values: trailing zeros, exponents, an escape. */
    private static String oddNumbers(String application) {
        return application
                .replaceFirst("\"credit__amount\":(\\d+)", "\"credit__amount\":$1.0")
                .replaceFirst("\"credit__duration\":(\\d+)", "\"credit__duration\":$1E0")
                .replaceFirst("\"residence__duration\":(\\d+)", "\"residence__duration\": $1 ")
                .replace(
                        "\"employment__permit\":\"",
                        "\"employment__permit\":\"\\u" + hex(application, "employment__permit"))
                .replaceFirst("(\"employment__permit\":\"\\\\u[0-9a-f]{4}).", "$1");
    }

    /** The first character of a string field's value as a JSON escape, for {@link #oddNumbers}. */
    private static String hex(String application, String field) {
        int at = application.indexOf("\"" + field + "\":\"") + field.length() + 4;
        return String.format("%04x", (int) application.charAt(at));
    }

    /** CSV with a header, CRLF and blanks around a signed number; {@code invalid} adds a missing and a fraction. */
    private static String csv(List<ObjectNode> applications, boolean invalid) {
        FeatureCatalog catalog = FeatureCatalog.standard();
        StringBuilder csv = new StringBuilder(String.join(",", catalog.names())).append("\r\n");
        for (int i = 0; i < applications.size(); i++) {
            ObjectNode application = applications.get(i);
            List<String> cells = new ArrayList<>();
            for (String name : catalog.names()) {
                JsonNode value = application.get(name);
                String cell = value == null || value.isNull() ? "" : value.asString();
                if (i == 1 && name.equals("residence__duration")) {
                    cell = invalid ? "" : " +" + cell + " ";
                }
                if (i == 2 && name.equals("credit__amount") && invalid) {
                    cell = " " + cell + ".50 ";
                }
                cells.add(cell);
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        return csv.toString();
    }

    private ObjectNode answer(Case request) {
        List<String> headers = new ArrayList<>(List.of("Content-Type", request.contentType()));
        if (!request.accept().isEmpty()) {
            headers.addAll(List.of("Accept", request.accept()));
        }
        if (!request.customAttributes().isEmpty()) {
            headers.addAll(List.of(CUSTOM_ATTRIBUTES, request.customAttributes()));
        }
        HttpResponse<String> response = http().post("/invocations", request.body(), headers.toArray(String[]::new));
        ObjectNode line = JSON.createObjectNode();
        line.put("case", request.name());
        line.put("status", response.statusCode());
        line.put("content_type", HttpSupport.contentType(response));
        line.put("body", response.body());
        return line;
    }

    @Test
    void answersEveryRequestOfTheCorpusWithTheBytesPinnedBeforeTheStreamingRewrite() throws IOException {
        List<Case> corpus = corpus();
        List<String> answers = new ArrayList<>();
        for (Case request : corpus) {
            answers.add(JSON.writeValueAsString(answer(request)));
        }
        if (Boolean.getBoolean("explainer.golden.write")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, String.join("\n", answers) + "\n", StandardCharsets.UTF_8);
        }
        List<String> golden = Files.readAllLines(GOLDEN, StandardCharsets.UTF_8);

        assertThat(golden).hasSize(corpus.size());
        for (int i = 0; i < corpus.size(); i++) {
            assertThat(answers.get(i)).as(corpus.get(i).name()).isEqualTo(golden.get(i));
        }
    }

    @Test
    void givesEachRecordOfAStreamedBatchTheBytesItGetsAlone() {
        List<ObjectNode> applications = ModelFixture.applications(40);
        String lines = applications.stream().map(ObjectNode::toString).collect(Collectors.joining("\n"));
        for (String entities : List.of(
                "entities=data,features,prediction,explanation_shap_values,reasons",
                "entities=explanation_shap_interaction_values",
                "entities=prediction,explanation_shap_values;explanation_method=interventional",
                "entities=data,explanation_shap_values;explanation_format=original")) {
            String[] batch = http().post(
                            "/invocations",
                            lines,
                            "Content-Type",
                            "application/jsonlines",
                            "Accept",
                            "application/jsonlines",
                            CUSTOM_ATTRIBUTES,
                            entities)
                    .body()
                    .split("\n");

            assertThat(batch).as(entities).hasSize(applications.size());
            for (int i = 0; i < applications.size(); i++) {
                String alone = http().post(
                                "/invocations",
                                applications.get(i).toString(),
                                "Content-Type",
                                "application/json",
                                CUSTOM_ATTRIBUTES,
                                entities)
                        .body();
                assertThat(batch[i]).as(entities + ", record " + (i + 1)).isEqualTo(alone);
            }
        }
    }

    @Test
    void coversSuccessfulAnswersOfEveryResponseShapeAndProblems() {
        List<JsonNode> golden = goldenLines();

        assertThat(golden).extracting(line -> line.get("status").asInt()).contains(200, 400);
        assertThat(golden.stream()
                        .filter(line -> line.get("status").asInt() == 200)
                        .map(line -> line.get("content_type").asString())
                        .distinct())
                .anyMatch(type -> type.startsWith("application/json"))
                .anyMatch(type -> type.startsWith("application/jsonlines"));
        assertThat(golden.stream()
                        .filter(line -> line.get("status").asInt() == 200)
                        .map(line -> line.get("body").asString()))
                .anyMatch(body -> body.contains("\"kernel_shap\""))
                .anyMatch(body -> body.contains("\"shap_interaction_values\""))
                .anyMatch(body -> body.contains("\"reference\":{\"name\":\"approved\""))
                .anyMatch(body -> body.contains("\"reasons\""));
    }

    private static List<JsonNode> goldenLines() {
        try {
            return Files.readAllLines(GOLDEN, StandardCharsets.UTF_8).stream()
                    .map(JSON::readTree)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
