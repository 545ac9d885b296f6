package com.example.credit.explainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The committed corpus of malformed requests ({@code bad-requests/corpus.jsonl}, written by
 * {@code scripts/bad-request-corpus.py}): broken JSON, wrong types, NaN and Infinity, huge numbers, deep nesting,
 * unknown categories, missing and extra fields, empty bodies, wrong charsets, oversized payloads (with and
 * without Content-Length), CSV with the wrong column count, bad entities, options, Accept and Content-Type.
 * Each case names the status, the problem type and what the detail must say; afterwards the service still
 * answers a valid request with the same bytes as before the barrage.
 */
class BadRequestCorpusTests extends ServiceTestBase {

    private static final String CORPUS = "/bad-requests/corpus.jsonl";

    @TestFactory
    Stream<DynamicTest> answersEveryRequestOfTheCorpusWithTheProblemDetailItNames() {
        BadRequests requests = new BadRequests(port);
        String valid = ModelFixture.applications(1).get(0).toString();
        byte[] before = requests.validAnswer(valid);
        List<JsonNode> cases = corpus();
        assertThat(cases).hasSizeGreaterThan(500);
        Stream<DynamicTest> each =
                cases.stream().map(c -> dynamicTest(c.get("id").asString(), () -> answers(requests, c)));
        DynamicTest after = dynamicTest(
                "still answers a valid request with the same bytes afterwards",
                () -> assertThat(requests.validAnswer(valid)).isEqualTo(before));
        return Stream.concat(each, Stream.of(after));
    }

    private static void answers(BadRequests requests, JsonNode c) {
        String id = c.get("id").asString();
        var response = requests.post(
                body(c),
                text(c, "content_type"),
                text(c, "accept"),
                text(c, "custom_attributes"),
                c.path("chunked").asBoolean(false));
        JsonNode problem = BadRequests.problem(
                response, c.get("status").asInt(), c.get("type").asString(), id);
        String detail = problem.get("detail").asString();
        c.get("detail_contains")
                .forEach(word -> assertThat(detail).as("detail of %s", id).contains(word.asString()));
        c.path("detail_lacks")
                .forEach(word -> assertThat(detail).as("detail of %s", id).doesNotContain(word.asString()));
        if (c.has("field")) {
            assertThat(BadRequests.fields(problem))
                    .as("fields of %s", id)
                    .contains(c.get("field").asString());
        }
    }

    private static byte[] body(JsonNode c) {
        if (c.has("body")) {
            return c.get("body").asString().getBytes(StandardCharsets.UTF_8);
        }
        if (c.has("body_base64")) {
            return Base64.getDecoder().decode(c.get("body_base64").asString());
        }
        JsonNode repeat = c.get("repeat");
        String text = repeat.get("prefix").asString()
                + repeat.get("unit").asString().repeat(repeat.get("count").asInt())
                + repeat.get("suffix").asString();
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(JsonNode c, String name) {
        JsonNode value = c.get(name);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static List<JsonNode> corpus() {
        try (InputStream in = BadRequestCorpusTests.class.getResourceAsStream(CORPUS)) {
            if (in == null) {
                throw new IllegalStateException(CORPUS + " is missing from the test resources");
            }
            List<JsonNode> cases = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    cases.add(JsonMapper.shared().readTree(line));
                }
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
