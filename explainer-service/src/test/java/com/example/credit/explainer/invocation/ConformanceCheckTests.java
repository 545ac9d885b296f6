package com.example.credit.explainer.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.core.schema.ApplicationValidator;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
import com.example.credit.testsupport.golden.GoldenBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fast path of schema validation may only skip the full validator for records it finds nothing wrong with: over
 * the held-out applications and thousands of seeded mutations of them (fields removed, added, retyped, out of range,
 * written as 24.0, at the bounds, unknown categories, long and non-BMP strings), whenever the fast check says "certainly
 * valid" the JSON Schema validator reports no violation; and every real application takes the fast path. The streamed
 * read (a JSON Lines line's tokens straight into the encoded row) says "certainly valid" exactly when the check does on
 * the line's tree, with the encoder's row to the bit, and leaves everything a tree cannot show (a repeated name,
 * anything after the object, malformed text) to the usual path.
 */
class ConformanceCheckTests {

    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();
    private static final ApplicationValidator VALIDATOR = ApplicationValidator.forApplications(CATALOG);
    private static final ConformanceCheck CHECK =
            ConformanceCheck.of(CATALOG.dataSchemaJson()).orElseThrow();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ConformanceCheck.StreamedRead STREAMED =
            CHECK.streamed(CATALOG).orElseThrow();
    private static final FeatureEncoder ENCODER = new FeatureEncoder(CATALOG);

    @Test
    void takesTheFastPathForEveryRealApplication() {
        for (ObjectNode application : GoldenBundle.testApplications()) {
            assertThat(CHECK.certainlyValid(application))
                    .as(application.toString())
                    .isTrue();
            assertThat(VALIDATOR.validate(application)).isEmpty();
            assertStreamedAgrees(application);
        }
    }

    @Test
    void neverSaysValidWhenTheSchemaValidatorFindsAViolation() {
        List<ObjectNode> applications = GoldenBundle.testApplications();
        List<String> names = new ArrayList<>(CATALOG.names());
        names.add("row_id");
        Random random = new Random(19);
        int invalid = 0;
        int fast = 0;
        for (int i = 0; i < 20_000; i++) {
            ObjectNode application =
                    applications.get(random.nextInt(applications.size())).deepCopy();
            int mutations = 1 + random.nextInt(2);
            for (int m = 0; m < mutations; m++) {
                mutate(application, names.get(random.nextInt(names.size())), random);
            }
            boolean certainlyValid = CHECK.certainlyValid(application);
            boolean valid = VALIDATOR.validate(application).isEmpty();
            assertStreamedAgrees(application);
            if (certainlyValid) {
                fast++;
                assertThat(valid).as(application.toString()).isTrue();
            }
            if (!valid) {
                invalid++;
            }
        }
        // The mutations reach both sides: many are invalid, and many valid ones still take the fast path.
        assertThat(invalid).isGreaterThan(5_000);
        assertThat(fast).isGreaterThan(200);
    }

    /** The streamed read of the application's text says "certainly valid" when the check does, with the row. */
    private static void assertStreamedAgrees(ObjectNode application) {
        double[] row = streamed(application.toString());
        if (CHECK.certainlyValid(application)) {
            assertThat(row).as(application.toString()).isNotNull();
            double[] expected = ENCODER.encode(application);
            for (int f = 0; f < expected.length; f++) {
                assertThat(Double.doubleToRawLongBits(row[f]))
                        .as("%s: feature %d", application, f)
                        .isEqualTo(Double.doubleToRawLongBits(expected[f]));
            }
        } else {
            assertThat(row).as(application.toString()).isNull();
        }
    }

    /** The streamed read of a line: its row, or null for "unsure" and for text it cannot read. */
    private static double[] streamed(String line) {
        try (JsonParser parser = JsonMapper.shared().createParser(line)) {
            return STREAMED.read(parser);
        } catch (JacksonException e) {
            return null;
        }
    }

    @Test
    void leavesToTheUsualPathWhatATreeCannotShow() {
        String line = GoldenBundle.testApplications().get(0).toString();
        assertThat(streamed(line)).isNotNull();
        assertThat(streamed("  " + line + "  ")).isNotNull();
        String body = line.substring(1, line.length() - 1);
        String first = body.substring(0, body.indexOf(','));

        assertThat(streamed("{" + body + "," + first + "}"))
                .as("a repeated name")
                .isNull();
        assertThat(streamed(line + " {}")).as("a second value").isNull();
        assertThat(streamed(line + " x")).as("text after the object").isNull();
        assertThat(streamed(line.substring(0, line.length() - 1)))
                .as("an unclosed object")
                .isNull();
        assertThat(streamed("[" + line + "]")).as("an array").isNull();
        assertThat(streamed("{" + body + ",\"x\":1}")).as("an unknown name").isNull();
        assertThat(streamed(line.replaceFirst("\"credit__duration\":(\\d+)", "\"credit__duration\":$1.0")))
                .as("an integer written with a fraction")
                .isNull();
        assertThat(streamed(line.replaceFirst("\"credit__duration\":(\\d+)", "\"credit__duration\":null")))
                .as("null")
                .isNull();
    }

    @Test
    void offersNoStreamedReadWhenAPropertyTypeDoesNotMatchItsFeature() {
        ObjectNode schema = (ObjectNode) JsonMapper.shared().readTree(CATALOG.dataSchemaJson());
        ObjectNode stringAmount = schema.deepCopy();
        ObjectNode amount = (ObjectNode) stringAmount.get("properties").get("credit__amount");
        amount.removeAll();
        amount.put("type", "string");

        ConformanceCheck check = ConformanceCheck.of(stringAmount.toString()).orElseThrow();

        assertThat(check.streamed(CATALOG)).isEmpty();
    }

    private static void mutate(ObjectNode application, String field, Random random) {
        JsonNode current = application.get(field);
        switch (random.nextInt(14)) {
            case 0 -> application.remove(field);
            case 1 -> application.put("unknown_" + random.nextInt(3), 1);
            case 2 -> application.put(field, "text");
            case 3 -> application.put(field, random.nextInt(200) - 50);
            case 4 -> application.put(field, (double) random.nextInt(30));
            case 5 -> application.put(field, random.nextInt(30) + 0.5);
            case 6 -> application.putNull(field);
            case 7 -> application.put(field, random.nextBoolean());
            case 8 -> application.put(field, Long.MAX_VALUE);
            case 9 -> application.put(field, new java.math.BigInteger("123456789012345678901234567890"));
            case 10 -> application.put(field, "x".repeat(random.nextInt(80)));
            case 11 -> application.put(field, "\uD83D\uDE00".repeat(1 + random.nextInt(40)));
            case 12 -> application.set(field, NODES.arrayNode().add(1));
            default -> {
                // Bounds of integer features, and an allowed category of another categorical feature.
                if (current != null && current.isIntegralNumber()) {
                    List<Integer> edges = List.of(0, 1, 4, 20, 60, 100, 120, 1_000_000, 1_000_001, -1);
                    application.put(field, edges.get(random.nextInt(edges.size())));
                } else {
                    List<String> categories = List.of("free", "good", "none", "low", "foreign", "other", "");
                    application.put(field, categories.get(random.nextInt(categories.size())));
                }
            }
        }
    }

    @Test
    void offersNoFastPathForASchemaWithAKeywordItDoesNotKnow() {
        ObjectNode schema = (ObjectNode) JsonMapper.shared().readTree(CATALOG.dataSchemaJson());
        ObjectNode withPattern = schema.deepCopy();
        ((ObjectNode) withPattern.get("properties").get("row_id")).put("pattern", "^[0-9a-f]+$");
        ObjectNode open = schema.deepCopy();
        open.put("additionalProperties", true);
        ObjectNode withNumber = schema.deepCopy();
        ((ObjectNode) withNumber.get("properties").get("credit__amount")).put("type", "number");
        ObjectNode withMinProperties = schema.deepCopy();
        withMinProperties.put("minProperties", 3);

        for (ObjectNode changed : List.of(withPattern, open, withNumber, withMinProperties)) {
            assertThat(ConformanceCheck.of(changed.toString()))
                    .as(changed.toString())
                    .isEmpty();
        }
        assertThat(ConformanceCheck.of(schema.toString())).isPresent();
    }

    @Test
    void leavesIntegersWrittenAsDecimalsAndNonObjectsToTheValidator() {
        ObjectNode application = GoldenBundle.testApplications().get(0).deepCopy();
        application.put("credit__duration", 24.0);

        assertThat(CHECK.certainlyValid(application)).isFalse();
        assertThat(CHECK.certainlyValid(NODES.arrayNode())).isFalse();
        assertThat(CHECK.certainlyValid(NODES.objectNode())).isFalse();
    }
}
