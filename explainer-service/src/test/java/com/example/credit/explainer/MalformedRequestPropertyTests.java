package com.example.credit.explainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Thousands of generated malformed requests (seeded): mutations of real applications (a field removed, added,
 * or given a wrong type, an unknown category or an out-of-range number) sent as JSON, JSON Lines and CSV;
 * bodies broken by truncation, stray structural characters or random bytes; CSV rows of the wrong width;
 * unsupported Content-Type, Accept and entities. Every one gets a 4xx problem detail naming the problem (the
 * field, the line), never a 5xx; afterwards a valid request still gets the same bytes as before.
 *
 * <p>jqwik runs properties in its own engine, which does not apply Spring's JUnit Jupiter extension, so the
 * service is started here with {@link SpringApplicationBuilder} on a random loopback port, against the same
 * model ({@link ModelFixture}) as the {@code @SpringBootTest} classes.
 */
class MalformedRequestPropertyTests {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final AtomicInteger SENT = new AtomicInteger();

    private static ConfigurableApplicationContext service;
    private static BadRequests requests;
    private static String valid;
    private static byte[] before;

    /** Feature name to its schema (type, enum, minimum, maximum), in schema order without row_id. */
    private static Map<String, JsonNode> features;

    private static List<ObjectNode> applications;

    @BeforeContainer
    static void startService() throws IOException {
        service = new SpringApplicationBuilder(com.example.credit.explainer.ExplainerApplication.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--explainer.model-dir=" + ModelFixture.directory(),
                        "--spring.main.banner-mode=off");
        int port = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        requests = new BadRequests(port);
        applications = ModelFixture.applications(50);
        valid = applications.get(0).toString();
        before = requests.validAnswer(valid);
        JsonNode schema =
                JSON.readTree(Files.readString(ModelFixture.directory().resolve("data.schema.json")));
        features = new java.util.LinkedHashMap<>();
        schema.get("properties").properties().forEach(p -> {
            if (!p.getKey().equals("row_id")) {
                features.put(p.getKey(), p.getValue());
            }
        });
    }

    @AfterContainer
    static void stillAnswersAValidRequestWithTheSameBytesAfterTheBarrage() {
        try {
            assertThat(SENT.get()).as("malformed requests sent").isGreaterThanOrEqualTo(3000);
            assertThat(requests.validAnswer(valid)).isEqualTo(before);
        } finally {
            service.close();
        }
    }

    @Property(tries = 1500, seed = "20261125")
    void refusesAMutatedApplicationNamingTheFieldAndTheLine(@ForAll("fieldMutations") FieldMutation mutation) {
        var response = send(mutation.body(), mutation.contentType(), null, null);

        JsonNode problem = BadRequests.problem(response, 400, "invalid-application", mutation.toString());
        assertThat(BadRequests.fields(problem)).as(mutation.toString()).contains(mutation.field());
        if (mutation.line() > 0) {
            assertThat(problem.get("violations").get(0).get("line").asInt())
                    .as(mutation.toString())
                    .isEqualTo(mutation.line());
        }
    }

    @Property(tries = 1000, seed = "20261125")
    void refusesABrokenBodyAsBadInput(@ForAll("brokenBodies") BrokenBody broken) {
        var response = send(broken.body(), broken.contentType(), null, null);

        assertThat(response.statusCode()).as(broken.toString()).isEqualTo(400);
        String type = JSON.readTree(response.body()).path("type").asString();
        JsonNode problem = BadRequests.problem(response, 400, type.substring(type.lastIndexOf(':') + 1), broken.what());
        // A stray character inside a string or a key leaves well-formed JSON that breaks the schema instead.
        assertThat(type)
                .as(broken.what())
                .isIn(
                        "urn:credit-explainer:problem:malformed-body",
                        "urn:credit-explainer:problem:invalid-application");
        if (broken.line() > 0 && type.endsWith("malformed-body")) {
            assertThat(problem.get("line").asInt()).as(broken.what()).isEqualTo(broken.line());
        }
    }

    @Property(tries = 500, seed = "20261125")
    void refusesUnsupportedHeadersWithTheirStatus(@ForAll("badHeaders") BadHeader header) {
        var response = send(valid.getBytes(StandardCharsets.UTF_8), header.contentType(), header.accept(), null);

        JsonNode problem = BadRequests.problem(response, header.status(), header.type(), header.toString());
        assertThat(problem.get("detail").asString()).as(header.toString()).contains(header.named());
    }

    private static java.net.http.HttpResponse<byte[]> send(
            byte[] body, String contentType, String accept, String attributes) {
        SENT.incrementAndGet();
        return requests.post(body, contentType, accept, attributes, false);
    }

    /** A valid request with one field of one record made invalid; {@code line} is 0 for a JSON body. */
    record FieldMutation(String what, String field, String contentType, byte[] body, int line) {
        @Override
        public String toString() {
            return what + " (" + contentType + ")";
        }
    }

    /** A body that is not well-formed; {@code line} is the broken line of a JSON Lines body, else 0. */
    record BrokenBody(String what, String contentType, byte[] body, int line) {
        @Override
        public String toString() {
            return what;
        }
    }

    /** A header the service cannot serve: the status, problem type and the value the detail must repeat. */
    record BadHeader(String contentType, String accept, int status, String type, String named) {}

    @Provide
    Arbitrary<FieldMutation> fieldMutations() {
        Arbitrary<String> field = Arbitraries.of(List.copyOf(features.keySet()));
        Arbitrary<Integer> record = Arbitraries.integers().between(0, 49);
        Arbitrary<Integer> lines = Arbitraries.integers().between(1, 4);
        Arbitrary<String> format = Arbitraries.of("json", "jsonlines", "csv");
        return Combinators.combine(
                        field, record, lines, format, Arbitraries.integers().between(0, 2))
                .flatAs((name, index, count, fmt, kind) -> wrongValue(name).map(value -> {
                    ObjectNode application = applications.get(index).deepCopy();
                    String what;
                    if (fmt.equals("csv")) {
                        // CSV carries no field names: a bad cell is the only mutation that keeps the row's width.
                        String cell = csvCell(name, kind);
                        return csv(name, cell, count);
                    }
                    if (kind == 0) {
                        application.remove(name);
                        what = "without " + name;
                    } else if (kind == 1) {
                        application.set(name, value);
                        what = name + " = " + value;
                    } else {
                        String extra = name + "_" + index;
                        application.put(extra, "x");
                        return json(fmt, "extra " + extra, extra, application, count);
                    }
                    return json(fmt, what, name, application, count);
                }));
    }

    private static FieldMutation json(String format, String what, String field, ObjectNode bad, int count) {
        if (format.equals("json")) {
            return new FieldMutation(what, field, "application/json", bytes(bad.toString()), 0);
        }
        List<String> lines = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            lines.add(applications.get(i).toString());
        }
        lines.add(bad.toString());
        return new FieldMutation(
                what + " on line " + count,
                field,
                "application/jsonlines",
                bytes(String.join("\n", lines) + "\n"),
                count);
    }

    private static FieldMutation csv(String field, String cell, int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ObjectNode application = applications.get(i);
            lines.add(features.keySet().stream()
                    .map(name -> name.equals(field) && lines.size() == count - 1
                            ? cell
                            : application.get(name).asString())
                    .collect(Collectors.joining(",")));
        }
        return new FieldMutation(
                field + " cell '" + cell + "' on line " + count,
                field,
                "text/csv",
                bytes(String.join("\n", lines) + "\n"),
                count);
    }

    /** A value the field's schema refuses: another JSON type, an unknown category or a number out of range. */
    private static Arbitrary<JsonNode> wrongValue(String name) {
        JsonNode schema = features.get(name);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Arbitrary<JsonNode> otherTypes = Arbitraries.of(
                nodes.nullNode(),
                nodes.booleanNode(true),
                nodes.arrayNode(),
                nodes.objectNode(),
                nodes.numberNode(0.5));
        if (schema.get("type").asString().equals("string")) {
            Set<String> known = new java.util.HashSet<>();
            schema.get("enum").forEach(v -> known.add(v.asString()));
            Arbitrary<JsonNode> unknown = Arbitraries.strings()
                    .withCharRange(' ', '~')
                    .withCharRange('\u00c0', '\u017f')
                    .ofMaxLength(24)
                    .filter(s -> !known.contains(s))
                    .map(nodes::stringNode);
            Arbitrary<JsonNode> numbers = Arbitraries.longs().map(nodes::numberNode);
            return Arbitraries.oneOf(unknown, numbers, otherTypes);
        }
        long min = schema.has("minimum") ? schema.get("minimum").asLong() : 0;
        long max = schema.has("maximum") ? schema.get("maximum").asLong() : 1;
        Arbitrary<JsonNode> below =
                Arbitraries.longs().between(Long.MIN_VALUE, min - 1).map(nodes::numberNode);
        Arbitrary<JsonNode> above =
                Arbitraries.longs().between(max + 1, Long.MAX_VALUE).map(nodes::numberNode);
        Arbitrary<JsonNode> huge = Arbitraries.doubles().between(1e19, 1e300).map(d -> nodes.numberNode(Math.rint(d)));
        Arbitrary<JsonNode> fractions = Arbitraries.doubles()
                .between(min, max)
                .filter(d -> d != Math.rint(d))
                .map(nodes::numberNode);
        Arbitrary<JsonNode> text = Arbitraries.strings().alpha().ofMaxLength(12).map(nodes::stringNode);
        return Arbitraries.oneOf(below, above, huge, fractions, text, otherTypes);
    }

    /** A CSV cell the field refuses: the empty (missing) cell, letters or an overflowing number or category. */
    private static String csvCell(String name, int kind) {
        boolean categorical = features.get(name).get("type").asString().equals("string");
        return switch (kind) {
            case 0 -> "";
            case 1 -> categorical ? "no such " + name : "n/a";
            default -> "1e308";
        };
    }

    @Provide
    Arbitrary<BrokenBody> brokenBodies() {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 49);
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 10_000);
        Arbitrary<Character> junk = Arbitraries.of('{', '}', '[', ']', ':', ',', '"');
        Arbitrary<BrokenBody> truncated = Combinators.combine(index, position).as((i, at) -> {
            String text = applications.get(i).toString();
            int cut = 1 + at % (text.length() - 1);
            return new BrokenBody("JSON cut at " + cut, "application/json", bytes(text.substring(0, cut)), 0);
        });
        Arbitrary<BrokenBody> stray = Combinators.combine(index, position, junk).as((i, at, c) -> {
            String text = applications.get(i).toString();
            int pos = at % (text.length() + 1);
            return new BrokenBody(
                    "'" + c + "' at " + pos,
                    "application/json",
                    bytes(text.substring(0, pos) + c + text.substring(pos)),
                    0);
        });
        Arbitrary<BrokenBody> brokenLine = Combinators.combine(
                        index, position, Arbitraries.integers().between(1, 4))
                .as((i, at, line) -> {
                    List<String> lines = new ArrayList<>();
                    for (int k = 1; k < line; k++) {
                        lines.add(applications.get(k).toString());
                    }
                    String text = applications.get(i).toString();
                    lines.add(text.substring(0, 1 + at % (text.length() - 1)));
                    return new BrokenBody(
                            "JSON Lines cut on line " + line,
                            "application/jsonlines",
                            bytes(String.join("\n", lines) + "\n"),
                            line);
                });
        Arbitrary<BrokenBody> width = Combinators.combine(
                        index, Arbitraries.integers().between(1, 60))
                .filter((i, n) -> n != features.size())
                .as((i, n) -> {
                    List<String> cells = new ArrayList<>();
                    ObjectNode application = applications.get(i);
                    for (int k = 0; k < n; k++) {
                        cells.add(application
                                .get(List.copyOf(features.keySet()).get(k % features.size()))
                                .asString());
                    }
                    return new BrokenBody(n + " CSV columns", "text/csv", bytes(String.join(",", cells) + "\n"), 1);
                });
        Arbitrary<BrokenBody> noise = Combinators.combine(
                        Arbitraries.of("application/json", "application/jsonlines", "text/csv"),
                        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300))
                .as((type, bytes) -> new BrokenBody(
                        "random bytes " + java.util.HexFormat.of().formatHex(bytes), type, bytes, 0));
        return Arbitraries.oneOf(truncated, stray, brokenLine, width, noise);
    }

    @Provide
    Arbitrary<BadHeader> badHeaders() {
        Arbitrary<String> token =
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10);
        Arbitrary<BadHeader> contentType = Combinators.combine(token, token)
                .as((a, b) -> a + "/" + b)
                .filter(t -> !Set.of("application/json", "application/jsonlines", "text/csv", "application/jsonl")
                        .contains(t))
                .map(t -> new BadHeader(t, null, 415, "unsupported-content-type", t));
        Arbitrary<BadHeader> accept = Combinators.combine(token, token)
                .as((a, b) -> a + "/" + b)
                .filter(t -> !t.startsWith("application/"))
                .map(t -> new BadHeader("application/json", t, 406, "not-acceptable", t));
        Arbitrary<BadHeader> entity = token.filter(
                        t -> !Set.of("data", "features", "descriptions", "prediction", "reasons")
                                .contains(t))
                .map(t -> new BadHeader("application/json;entities=prediction," + t, null, 400, "unknown-entity", t));
        return Arbitraries.oneOf(contentType, accept, entity);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
