package com.example.credit.batch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link CanonicalText} says "already canonical" only for texts that are their own copy (what the mapper writes for
 * the tree it reads from them), and says it for the explainer's answers and every text the mapper writes within the
 * subset it recognises.
 */
class CanonicalTextTests {

    // The local back end's mapper.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();
    private static final CanonicalText CHECK = new CanonicalText(MAPPER);
    private static final String RESERVED = "SageMakerOutput";

    @Test
    void acceptsTheExplainersAnswersAsTheyAre() throws IOException {
        List<String> answers;
        try (InputStream in = getClass().getResourceAsStream("/explainer-answers.jsonl")) {
            answers = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }

        assertThat(answers).hasSize(5);
        for (String answer : answers) {
            assertThat(CHECK.isCanonicalValue(answer)).as(answer).isTrue();
            assertThat(CHECK.isCanonicalObject(answer, RESERVED)).as(answer).isTrue();
            assertThat(answer).isEqualTo(treeWritten(answer));
        }
    }

    @Test
    void acceptsOnlyTextsThatAreTheirOwnCopyAmongRandomTextsOfEveryForm() {
        SplittableRandom random = new SplittableRandom(20261205L);
        int accepted = 0;
        int ownCopies = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = randomValue(random, 0);
            String written = treeWritten(text);
            boolean ownCopy = text.equals(written);
            boolean check = CHECK.isCanonicalValue(text);
            // The same answer for the text's bytes as a line, followed by another.
            byte[] line = (text + "\n{}").getBytes(StandardCharsets.UTF_8);
            int lineLength = text.getBytes(StandardCharsets.UTF_8).length;
            assertThat(CHECK.canonicalLineEnd(line, 0)).as(text).isEqualTo(check ? lineLength : -1);
            if (check) {
                accepted++;
                assertThat(ownCopy)
                        .as("accepted but copied differently: %s -> %s", text, written)
                        .isTrue();
            }
            ownCopies += ownCopy ? 1 : 0;
            // What the mapper writes is accepted, unless outside the subset (escapes, non-ASCII, long integers).
            if (inSubset(written)) {
                assertThat(CHECK.isCanonicalValue(written)).as(written).isTrue();
            }
        }
        // Both answers are common: the random forms are not all canonical, nor all refused.
        assertThat(accepted).isBetween(2_000, 18_000);
        assertThat(ownCopies - accepted).as("own copies outside the subset").isLessThan(accepted);
    }

    @Test
    void refusesBlanksEscapesRepeatedKeysAndNumbersTheMapperWritesOtherwise() {
        for (String text : List.of(
                " {}",
                "{} ",
                "{\"a\": 1}",
                "[1, 2]",
                "{\"a\":\"x\\/y\"}",
                "{\"a\":\"caf\u00e9\"}",
                "{\"a\":\"tab\there\"}",
                "{\"a\":1,\"a\":1}",
                "{\"n\":{\"k\":[],\"k\":[]}}",
                "-0",
                "007",
                "1.50",
                "1e3",
                "1E+2",
                "0.10000000000000001",
                "2.5e-300",
                "1e400",
                "1234567890123456789",
                "+1",
                ".5",
                "1.",
                "1e",
                "tru",
                "nul",
                "\"open",
                "{\"a\":1",
                "{\"a\"1}",
                "[1,]",
                "{,}",
                "")) {
            assertThat(CHECK.isCanonicalValue(text)).as(text).isFalse();
        }
        for (String text : List.of(
                "{}",
                "[]",
                "[[],{}]",
                "{\"a\":-0.0,\"b\":0.1,\"c\":1.0E-7,\"d\":123456789012345678,\"e\":-7}",
                "{\"x/y\":\"it's 5% (\\u0020)?\"}".replace("\\u0020", " "),
                "true",
                "null",
                "\"\"",
                "0")) {
            assertThat(CHECK.isCanonicalValue(text)).as(text).isTrue();
            assertThat(text).isEqualTo(treeWritten(text));
        }
    }

    @Test
    void findsTheEndOfACanonicalLineByReadingItsValue() {
        byte[] body = "{\"a\":1}\n[1,2] \n{\"b\":2}\r\n\"x\"".getBytes(StandardCharsets.US_ASCII);

        assertThat(CHECK.canonicalLineEnd(body, 0)).isEqualTo(7);
        // A blank, then a carriage return, before the line feed.
        assertThat(CHECK.canonicalLineEnd(body, 8)).isEqualTo(-1);
        assertThat(CHECK.canonicalLineEnd(body, 15)).isEqualTo(-1);
        // The last line, without a line feed; then nothing at all.
        assertThat(CHECK.canonicalLineEnd(body, 24)).isEqualTo(body.length);
        assertThat(CHECK.canonicalLineEnd(body, body.length)).isEqualTo(-1);
    }

    @Test
    void refusesTheReservedKeyOnlyAtTheTopOfAnObject() {
        assertThat(CHECK.isCanonicalObject("{\"a\":1,\"SageMakerOutput\":2}", RESERVED))
                .isFalse();
        assertThat(CHECK.isCanonicalObject("{\"a\":{\"SageMakerOutput\":2}}", RESERVED))
                .isTrue();
        assertThat(CHECK.isCanonicalObject("{\"SageMakerOutputs\":2,\"SageMakerOutpu\":1}", RESERVED))
                .isTrue();
        assertThat(CHECK.isCanonicalObject("[1]", RESERVED)).isFalse();
        assertThat(CHECK.isCanonicalObject("\"SageMakerOutput\"", RESERVED)).isFalse();
        assertThat(CHECK.isCanonicalValue("{\"SageMakerOutput\":2}")).isTrue();
    }

    @Test
    void leavesDeepNestingLongStringsAndLongIntegersToTheCopy() {
        assertThat(CHECK.isCanonicalValue("[".repeat(64) + "]".repeat(64))).isTrue();
        assertThat(CHECK.isCanonicalValue("[".repeat(65) + "]".repeat(65))).isFalse();
        String longest = "x".repeat(CanonicalText.MAX_STRING);
        assertThat(CHECK.isCanonicalValue("{\"" + longest + "\":1}")).isTrue();
        assertThat(CHECK.isCanonicalValue("{\"" + longest + "x\":1}")).isFalse();
        assertThat(CHECK.isCanonicalValue("123456789012345678")).isTrue();
        assertThat(CHECK.isCanonicalValue("-123456789012345678")).isTrue();
        assertThat(CHECK.isCanonicalValue("1234567890123456789")).isFalse();
    }

    @Test
    void takesItsRulesFromTheMapper() {
        // Doubles by Double.toString: no short cut at all.
        CanonicalText plainMapper = new CanonicalText(JsonMapper.builder().build());
        assertThat(plainMapper.isCanonicalValue("{}")).isFalse();
        assertThat(plainMapper.isCanonicalValue("0.1")).isFalse();
        // Slashes escaped: a slash is no longer written as it is.
        CanonicalText slashes = new CanonicalText(JsonMapper.builder()
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .enable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                .build());
        assertThat(slashes.isCanonicalValue("\"a/b\"")).isFalse();
        assertThat(slashes.isCanonicalValue("\"ab\"")).isTrue();
        assertThat(CHECK.isCanonicalValue("\"a/b\"")).isTrue();
    }

    private static String treeWritten(String text) {
        try {
            return MAPPER.writeValueAsString(MAPPER.readTree(text));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether a written text is within what the check recognises: strings of printable ASCII, short integers. */
    private static boolean inSubset(String written) {
        if (written == null || written.contains("\\")) {
            return false;
        }
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        // A run of 19 or more digits outside a string: a long integer (no string here holds digits that long).
        return !written.matches(".*[0-9]{19,}.*") || written.matches(".*[.eE][0-9]*[0-9]{19,}.*");
    }

    private static String randomValue(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth > 3 ? 4 : 6);
        return switch (kind) {
            case 0 -> randomNumber(random);
            case 1 -> randomString(random);
            case 2 -> List.of("true", "false", "null").get(random.nextInt(3));
            case 3 -> randomNumber(random);
            case 4 -> {
                List<String> members = new ArrayList<>();
                int size = random.nextInt(5);
                for (int i = 0; i < size; i++) {
                    // Few key names, so that some objects repeat one.
                    String key = random.nextInt(4) == 0 ? randomString(random) : "\"k" + random.nextInt(6) + "\"";
                    members.add(key + blank(random) + ":" + blank(random) + randomValue(random, depth + 1));
                }
                yield "{" + blank(random) + String.join("," + blank(random), members) + blank(random) + "}";
            }
            default -> {
                List<String> elements = new ArrayList<>();
                int size = random.nextInt(5);
                for (int i = 0; i < size; i++) {
                    elements.add(randomValue(random, depth + 1));
                }
                yield "[" + blank(random) + String.join("," + blank(random), elements) + "]";
            }
        };
    }

    /** Mostly nothing, sometimes a blank of some kind. */
    private static String blank(SplittableRandom random) {
        return random.nextInt(12) == 0 ? List.of(" ", "\t", "\n", "\r\n").get(random.nextInt(4)) : "";
    }

    private static String randomString(SplittableRandom random) {
        String[] pieces = {
            "a",
            "Z",
            "/",
            " ",
            "'",
            "%",
            "\\\"",
            "\\\\",
            "\\/",
            "\\n",
            "\\u0041",
            "\u00e9",
            "\u4e2d",
            "\\ud83d\\ude00",
            "<",
            "}",
            ",",
            ":"
        };
        StringBuilder text = new StringBuilder("\"");
        int size = random.nextInt(6);
        for (int i = 0; i < size; i++) {
            // Mostly plain characters.
            text.append(random.nextInt(3) == 0 ? pieces[random.nextInt(pieces.length)] : pieces[random.nextInt(6)]);
        }
        return text.append('"').toString();
    }

    private static String randomNumber(SplittableRandom random) {
        double value =
                switch (random.nextInt(4)) {
                    case 0 -> random.nextDouble() - 0.5;
                    case 1 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-320, 309));
                    case 2 -> random.nextInt(-1000, 1000);
                    default -> Double.longBitsToDouble(random.nextLong());
                };
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            value = 0.5;
        }
        return switch (random.nextInt(10)) {
            case 0 -> Double.toString(value);
            case 1 -> String.format(Locale.ROOT, "%.17g", value);
            case 2 -> String.format(Locale.ROOT, "%.3f", value);
            case 3 -> String.format(Locale.ROOT, "%e", value);
            case 4 -> Long.toString(random.nextLong());
            case 5 -> Integer.toString(random.nextInt(-100, 100));
            case 6 ->
                List.of("-0", "0", "00", "01", "-0.0", "0.0", "1.50", "1e3", "1E+2", "-1e-2")
                        .get(random.nextInt(10));
            default -> MAPPER.writeValueAsString(value);
        };
    }
}
