package com.example.credit.explainer.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
import com.example.credit.testsupport.golden.GoldenBundle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class RecordParserTests {

    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();
    private final RecordParser parser = new RecordParser(CATALOG, JsonMapper.shared());

    @Test
    void splitsLinesExactlyAsTheRegularExpressionDid() {
        java.util.Random random = new java.util.Random(19);
        char[] alphabet = {'a', '\r', '\n', ' ', '{'};
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int c = 0; c < length; c++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            assertThat(RecordParser.lines(text.toString()))
                    .as("%s", text.toString().replace("\r", "\\r").replace("\n", "\\n"))
                    .containsExactly(text.toString().split("\r?\n", -1));
        }
    }

    @Test
    void readsOneJsonObjectAsASingleRecord() {
        ParsedPayload payload = parse("{\"credit__amount\": 100}", RequestFormat.JSON);

        assertThat(payload.singleObject()).isTrue();
        assertThat(payload.records()).singleElement().satisfies(record -> {
            assertThat(record.number()).isEqualTo(1);
            assertThat(record.data().get("credit__amount").asInt()).isEqualTo(100);
        });
    }

    @Test
    void readsAJsonArrayAsNumberedRecords() {
        ParsedPayload payload = parse("[{\"a\": 1}, {\"a\": 2}]", RequestFormat.JSON);

        assertThat(payload.singleObject()).isFalse();
        assertThat(payload.records()).extracting(ParsedRecord::number).containsExactly(1, 2);
    }

    @Test
    void rejectsArraysOfNonObjectsAndDuplicateKeys() {
        assertThatThrownBy(() -> parse("[{\"a\": 1}, 7]", RequestFormat.JSON))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("record 2 must be an application object, not NUMBER");
        assertThatThrownBy(() -> parse("{\"a\": 1,\n \"a\": 2}", RequestFormat.JSON))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("malformed JSON at line 2")
                .hasMessageContaining("Duplicate");
        assertThatThrownBy(() -> parse("[]", RequestFormat.JSON))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("the request contains no records");
    }

    @Test
    void readsJsonLinesSkippingBlankLinesAndKeepingLineNumbers() {
        ParsedPayload payload = parse("{\"a\": 1}\r\n\n{\"a\": 2}\n", RequestFormat.JSON_LINES);

        assertThat(payload.records()).extracting(ParsedRecord::line).containsExactly(1, 3);
        assertThat(payload.records()).extracting(ParsedRecord::number).containsExactly(1, 2);
    }

    @Test
    void typesCsvCellsByTheSchema() {
        String row = "1,5951,0,48,0,2,\"electronics\",2,foreign,professional,low,low,0,0,1,real_estate,good,1,2,own";

        ParsedRecord record = parse(row, RequestFormat.CSV).records().get(0);

        assertThat(record.data().get("credit__amount").isIntegralNumber()).isTrue();
        assertThat(record.data().get("credit__purpose").asString()).isEqualTo("electronics");
        assertThat(record.data().get("residence__type").asString()).isEqualTo("own");
        assertThat(record.data().size()).isEqualTo(20);
    }

    @Test
    void keepsNonNumbersAsTextAndEmptyCellsAsMissingSoThatValidationNamesThem() {
        String row = "1,NaN,0,,0,2,electronics,2.5,foreign,professional,low,low,0,0,1,real_estate,good,1,2,own";

        ParsedRecord record = parse(row, RequestFormat.CSV).records().get(0);

        assertThat(record.data().get("credit__amount").isString()).isTrue();
        assertThat(record.data().has("credit__duration")).isFalse();
        assertThat(record.data().get("employment__duration").asDouble()).isEqualTo(2.5);
    }

    @Test
    void readsQuotedCsvCellsAndNamesTheLineOfBrokenQuoting() {
        String row = "1,5951,0,48,0,2,\"re-training\",2,foreign,professional,low,low,0,0,1,real_estate,good,1,2,own";
        assertThat(parse(row, RequestFormat.CSV)
                        .records()
                        .get(0)
                        .data()
                        .get("credit__purpose")
                        .asString())
                .isEqualTo("re-training");

        assertThatThrownBy(() -> parse(row + "\n\n\na,\"b", RequestFormat.CSV))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("line 4 has an unclosed quote");
        assertThatThrownBy(() -> parse("a,\"b\"x,c", RequestFormat.CSV))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("line 1, column 6: text after a closing quote");
    }

    @Test
    void rejectsCsvLinesWithTheWrongColumnCountByLine() {
        String row = String.join(",", Collections.nCopies(20, "1"));

        assertThatThrownBy(() -> parse(row + "\n" + row + ",1\n", RequestFormat.CSV))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("line 2 has 21 values, a record has 20")
                .satisfies(
                        e -> assertThat(((MalformedPayloadException) e).line()).isEqualTo(2));
    }

    @Test
    void rejectsBodiesThatAreNotUtf8() {
        byte[] latin1 = "{\"credit__purpose\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> parser.parse(latin1, RequestFormat.JSON))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("the request body is not valid UTF-8 text");
    }

    @Test
    void readsConformingJsonLinesStraightIntoRowsAndEverythingElseIntoTrees() {
        RecordParser streaming = streamingParser();
        ObjectNode valid = GoldenBundle.testApplications().get(0);
        ObjectNode outOfRange = valid.deepCopy().put("credit__duration", -5);
        String body = valid + "\n\n" + outOfRange + "\n";

        ParsedPayload payload = streaming.parse(body.getBytes(StandardCharsets.UTF_8), RequestFormat.JSON_LINES);

        assertThat(payload.records()).extracting(ParsedRecord::line).containsExactly(1, 3);
        ParsedRecord streamed = payload.records().get(0);
        assertThat(streamed.encoded()).containsExactly(new FeatureEncoder(CATALOG).encode(valid));
        assertThat(streamed.data()).isEqualTo(valid);
        assertThat(payload.records().get(1).encoded()).isNull();
        assertThat(payload.records().get(1).data()).isEqualTo(outOfRange);
        assertThat(parser.parse(body.getBytes(StandardCharsets.UTF_8), RequestFormat.JSON_LINES)
                        .records())
                .allSatisfy(record -> assertThat(record.encoded()).isNull());
    }

    @Test
    void reportsARepeatedNameAsThePlainParserDoesWhenStreaming() {
        RecordParser streaming = streamingParser();
        String line = GoldenBundle.testApplications().get(0).toString();
        String body = line + "\n" + line.substring(0, line.length() - 1) + ",\"credit__amount\":1}\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        Throwable plain = catchThrowable(() -> parser.parse(bytes, RequestFormat.JSON_LINES));
        Throwable streamed = catchThrowable(() -> streaming.parse(bytes, RequestFormat.JSON_LINES));

        assertThat(plain).isInstanceOf(MalformedPayloadException.class).hasMessageContaining("line 2");
        assertThat(streamed).isInstanceOf(MalformedPayloadException.class).hasMessage(plain.getMessage());
    }

    @Test
    void readsAJsonBodyStraightIntoRowsOnlyWhenEveryRecordConforms() {
        RecordParser streaming = streamingParser();
        FeatureEncoder encoder = new FeatureEncoder(CATALOG);
        List<ObjectNode> applications = GoldenBundle.testApplications().subList(0, 3);
        String array = "[" + applications.stream().map(ObjectNode::toString).collect(Collectors.joining(",")) + "]";
        ObjectNode outOfRange = applications.get(1).deepCopy().put("credit__duration", -5);

        ParsedPayload all = streaming.parse(array.getBytes(StandardCharsets.UTF_8), RequestFormat.JSON);
        ParsedPayload one =
                streaming.parse(applications.get(0).toString().getBytes(StandardCharsets.UTF_8), RequestFormat.JSON);
        ParsedPayload mixed = streaming.parse(
                ("[" + applications.get(0) + "," + outOfRange + "]").getBytes(StandardCharsets.UTF_8),
                RequestFormat.JSON);

        assertThat(all.singleObject()).isFalse();
        assertThat(all.records()).extracting(ParsedRecord::number).containsExactly(1, 2, 3);
        for (int i = 0; i < applications.size(); i++) {
            ParsedRecord record = all.records().get(i);
            assertThat(record.encoded()).containsExactly(encoder.encode(applications.get(i)));
            assertThat(record.data()).isEqualTo(applications.get(i));
        }
        assertThat(one.singleObject()).isTrue();
        assertThat(one.records().get(0).encoded()).containsExactly(encoder.encode(applications.get(0)));
        assertThat(one.records().get(0).data()).isEqualTo(applications.get(0));
        // One record in doubt: the whole body is read into a tree, as without the streamed read.
        assertThat(mixed.records())
                .allSatisfy(record -> assertThat(record.encoded()).isNull());
        assertThat(mixed.records()).extracting(ParsedRecord::data).containsExactly(applications.get(0), outOfRange);
    }

    @Test
    void reportsMalformedJsonBodiesAsThePlainParserDoesWhenStreaming() {
        RecordParser streaming = streamingParser();
        String application = GoldenBundle.testApplications().get(0).toString();
        List<String> bodies = List.of(
                "[" + application + "," + application + "] x",
                "[" + application + ",1]",
                "[]",
                "[" + application,
                application.substring(0, application.length() - 1) + ",\"credit__amount\":1}",
                application + " " + application);

        for (String body : bodies) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            Throwable plain = catchThrowable(() -> parser.parse(bytes, RequestFormat.JSON));
            Throwable streamed = catchThrowable(() -> streaming.parse(bytes, RequestFormat.JSON));

            assertThat(plain).as(body).isInstanceOf(MalformedPayloadException.class);
            assertThat(streamed).as(body).isInstanceOf(plain.getClass()).hasMessage(plain.getMessage());
        }
    }

    @Test
    void readsCsvRecordsStraightIntoRowsExactlyWhenTheirTypedCellsCertainlyConform() {
        RecordParser streaming = streamingParser();
        ConformanceCheck check = ConformanceCheck.of(CATALOG.dataSchemaJson()).orElseThrow();
        FeatureEncoder encoder = new FeatureEncoder(CATALOG);
        List<ObjectNode> applications = GoldenBundle.testApplications();
        List<String> pool = List.of(
                "",
                " ",
                "+5",
                "-3",
                "007",
                "24",
                " 24 ",
                "5.0",
                "1e3",
                "abc",
                "NaN",
                "own",
                "good",
                "free",
                "none",
                "1234567890123456789",
                "123456789012345678",
                "-",
                "+",
                "\u0663",
                "2 4",
                "0x10",
                "Infinity");
        Random random = new Random(30);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            ObjectNode application = applications.get(random.nextInt(applications.size()));
            List<String> cells = new ArrayList<>();
            for (String name : CATALOG.names()) {
                JsonNode value = application.get(name);
                cells.add(value == null ? "" : value.asString());
            }
            // A quarter keep their cells; the rest get one to three changes: a cell from the pool, or a cell padded
            // with blanks (which the parser strips).
            int changes = i % 4 == 0 ? 0 : 1 + random.nextInt(3);
            for (int c = 0; c < changes; c++) {
                int k = random.nextInt(cells.size());
                cells.set(k, random.nextBoolean() ? " " + cells.get(k) + "\t" : pool.get(random.nextInt(pool.size())));
            }
            body.append(String.join(",", cells)).append('\n');
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);

        List<ParsedRecord> plain = parser.parse(bytes, RequestFormat.CSV).records();
        List<ParsedRecord> streamed = streaming.parse(bytes, RequestFormat.CSV).records();

        assertThat(streamed).hasSameSizeAs(plain);
        int fast = 0;
        for (int r = 0; r < plain.size(); r++) {
            ObjectNode tree = plain.get(r).data();
            double[] row = streamed.get(r).encoded();
            assertThat(row != null).as(tree.toString()).isEqualTo(check.certainlyValid(tree));
            assertThat(streamed.get(r).data()).isEqualTo(tree);
            if (row != null) {
                fast++;
                assertThat(row).as(tree.toString()).containsExactly(encoder.encode(tree));
            }
        }
        assertThat(fast).isBetween(800, 2900);
    }

    private static RecordParser streamingParser() {
        ConformanceCheck check = ConformanceCheck.of(CATALOG.dataSchemaJson()).orElseThrow();
        return new RecordParser(
                CATALOG, JsonMapper.shared(), check.streamed(CATALOG).orElseThrow());
    }

    private ParsedPayload parse(String body, RequestFormat format) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8), format);
    }
}
