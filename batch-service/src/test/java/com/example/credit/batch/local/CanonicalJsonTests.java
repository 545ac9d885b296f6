package com.example.credit.batch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CanonicalJsonTests {

    private static final JsonMapper MAPPER = JsonMapper.shared();
    private static final CanonicalJson CANONICAL = new CanonicalJson(MAPPER);

    /** Values whose tree writes them differently from how they are written here. */
    private static final List<String> AWKWARD = List.of(
            "{\"a\":1.50,\"b\":1e3,\"c\":-0.0,\"d\":9.6e-4,\"e\":1E+2,\"f\":0.10000000000000001}",
            "{ \"s\" : \"caf\\u00e9 \\/ \\\"q\\\" \\t \\u0001 \u4e2d \\ud83d\\ude00\" , \"n\" : null , \"t\" : true }",
            "{\"big\":12345678901234567890,\"long\":9007199254740993,\"int\":-7,\"neg\":-12345678901234567890123}",
            "{\"deep\":{\"a\":[1,[2,[3,{\"b\":[]}]],{}],\"c\":{\"d\":{\"e\":2.5e-300}}}}",
            "{\"huge\":1e400,\"tiny\":1e-400,\"x\":2.82879384806159E17}",
            "{}",
            "[1,2.0,\"x\",{\"k\":[true,false]}]",
            "\"just a string\"",
            "-0",
            "2.5");

    @Test
    void writesAValueAsTheMappersTreeOfItIsWritten() {
        for (String text : AWKWARD) {
            assertThat(CANONICAL.value(text)).as(text).isEqualTo(MAPPER.writeValueAsString(MAPPER.readTree(text)));
            assertThat(CANONICAL.value("  " + text + " \r")).as(text).isEqualTo(CANONICAL.value(text));
        }
    }

    @Test
    void writesAnObjectAsItsTreeIsWrittenAndOnlyObjects() {
        for (String text : AWKWARD) {
            String expected =
                    MAPPER.readTree(text).isObject() ? MAPPER.writeValueAsString(MAPPER.readTree(text)) : null;
            assertThat(CANONICAL.object(text, "SageMakerOutput")).as(text).isEqualTo(expected);
        }
    }

    @Test
    void writesTheElementsOfAnArrayOrTheOneValueAsTheirTreesAreWritten() {
        String array = "[ " + String.join(" ,\n", AWKWARD) + " ]";
        assertThat(CANONICAL.elements(array))
                .containsExactlyElementsOf(MAPPER.readTree(array)
                        .valueStream()
                        .map(MAPPER::writeValueAsString)
                        .toList());
        assertThat(CANONICAL.elements(AWKWARD.get(0)))
                .containsExactly(MAPPER.writeValueAsString(MAPPER.readTree(AWKWARD.get(0))));
        assertThat(CANONICAL.elements("[]")).isEmpty();
    }

    @Test
    void leavesToTheTreeWhatTheTreeWouldNotCopyTokenByToken() {
        // Duplicate keys, at the top or deeper, also in objects too big for the short list of keys.
        assertThat(CANONICAL.value("{\"x\":0.1,\"x\":0.2}")).isNull();
        assertThat(CANONICAL.value("{\"n\":{\"k\":1,\"k\":{\"deep\":[2]}}}")).isNull();
        String many = IntStream.range(0, 40)
                .mapToObj(i -> "\"k" + i + "\":" + i)
                .reduce((a, b) -> a + "," + b)
                .orElseThrow();
        assertThat(CANONICAL.value("{" + many + "}"))
                .isEqualTo(MAPPER.writeValueAsString(MAPPER.readTree("{" + many + "}")));
        assertThat(CANONICAL.value("{" + many + ",\"k3\":1}")).isNull();
        assertThat(CANONICAL.elements("[{\"a\":1},{\"a\":1,\"a\":2}]")).isNull();
        // The key the join sets, only at the top.
        assertThat(CANONICAL.object("{\"SageMakerOutput\":1}", "SageMakerOutput"))
                .isNull();
        assertThat(CANONICAL.object("{\"a\":{\"SageMakerOutput\":1}}", "SageMakerOutput"))
                .isEqualTo("{\"a\":{\"SageMakerOutput\":1}}");
        // Not exactly one value, or not readable.
        for (String text : List.of("", "   ", "{} {}", "{\"a\":1} x", "{not json", "[1,2", "{\"a\":1}}", "1 2")) {
            assertThat(CANONICAL.value(text)).as(text).isNull();
            assertThat(CANONICAL.object(text, "SageMakerOutput")).as(text).isNull();
            assertThat(CANONICAL.elements(text)).as(text).isNull();
            assertThat(CANONICAL.isOneValue(text)).as(text).isFalse();
        }
    }

    @Test
    void acceptsAsOneValueWhatReadTreeAcceptsDuplicateKeysIncluded() {
        for (String text : AWKWARD) {
            assertThat(CANONICAL.isOneValue(text)).as(text).isTrue();
        }
        assertThat(CANONICAL.isOneValue("{\"x\":0.1,\"x\":0.2}")).isTrue();
    }

    @Test
    void countsTheLinesBufferedReaderReadsWithoutMakingThem() throws IOException {
        for (String text : List.of(
                "", "a", "a\n", "a\nb", "\n", "\n\n", "a\r\nb\r\n", "a\rb", "\r", "\r\r\n", "a\n\r\nb\r", " \n \n")) {
            long expected = new BufferedReader(new StringReader(text)).lines().count();
            assertThat(LocalTransformer.countLines(new BufferedReader(new StringReader(text))))
                    .as(text.replace("\r", "\\r").replace("\n", "\\n"))
                    .isEqualTo(expected);
        }
        String big = "x".repeat(70_000) + "\r" + "\n".repeat(3) + "y".repeat(65_535) + "\r\n";
        // Across buffer ends, a \r\n split between two reads included.
        assertThat(LocalTransformer.countLines(new BufferedReader(new StringReader(big))))
                .isEqualTo(new BufferedReader(new StringReader(big)).lines().count())
                .isEqualTo(4);
        String split = "z".repeat((1 << 16) - 1) + "\r\nq";
        assertThat(LocalTransformer.countLines(new BufferedReader(new StringReader(split))))
                .isEqualTo(2);
    }
}
