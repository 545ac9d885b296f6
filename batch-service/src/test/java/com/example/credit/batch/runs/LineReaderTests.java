package com.example.credit.batch.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.batch.report.BatchOutputFixture;
import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The streaming reader on its own: which lines it reads itself (the index step's usual lines, in any key order and
 * either join) and which it leaves to the tree, and that what it reads is what the tree path reads, bit for bit —
 * the numbers too, parsed by the mapper's own parser settings ({@code USE_FAST_DOUBLE_PARSER} is on by default in
 * Jackson 3, for the tree as for this reader).
 */
class LineReaderTests {

    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();

    @TempDir
    Path temp;

    private static LineReader reader(String groupVariable) {
        return new LineReader(Lines.MAPPER, CATALOG, Optional.ofNullable(groupVariable));
    }

    private static boolean read(LineReader reader, String line) {
        byte[] bytes = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
        return reader.read(bytes, 2, bytes.length - 4);
    }

    /** What the tree path reads of a line, written here as RunIndexWriter's tree path reads it. */
    private static void assertReadsAsTheTree(LineReader reader, String line, String groupVariable) {
        assertThat(read(reader, line)).as(line).isTrue();
        JsonNode node = Lines.MAPPER.readTree(line);
        JsonNode out = node.has("SageMakerOutput") ? node.get("SageMakerOutput") : node;
        assertThat(reader.error()).isEqualTo(out.has("error"));
        if (out.has("error")) {
            return;
        }
        JsonNode input = node.has("SageMakerOutput") ? node : node.path("data");
        assertThat(reader.rowId()).isEqualTo(input.path("row_id").asString(null));
        assertThat(Double.doubleToRawLongBits(reader.prediction()))
                .isEqualTo(Double.doubleToRawLongBits(out.get("prediction").asDouble()));
        JsonNode shap = out.path("explanation_shap_values").path("shap_values");
        long reasons = 0;
        for (JsonNode reason : out.path("reasons").path("reasons")) {
            String name = reason.path("feature").asString("");
            if (CATALOG.contains(name)) {
                reasons |= 1L << CATALOG.feature(name).index();
            }
        }
        assertThat(reader.reasons()).isEqualTo(reasons);
        for (Feature feature : CATALOG.features()) {
            int i = feature.index();
            assertThat(Double.doubleToRawLongBits(reader.shap()[i]))
                    .as(feature.name())
                    .isEqualTo(
                            Double.doubleToRawLongBits(shap.get(feature.name()).asDouble()));
            JsonNode raw = input.get(feature.name());
            double expected;
            if (raw == null || raw.isNull()) {
                expected = Double.NaN;
            } else if (feature.isCategorical()) {
                int code = feature.codeOf(raw.asString());
                expected = code < 0 ? Double.NaN : code;
            } else {
                expected = raw.asDouble();
            }
            assertThat(Double.doubleToRawLongBits(reader.modelRow()[i]))
                    .as(feature.name())
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
        JsonNode explanation = out.path("explanation_shap_values");
        assertThat(reader.method())
                .isEqualTo(explanation.path("explanation_method").asString(null));
        assertThat(reader.referenceName())
                .isEqualTo(explanation.path("reference").path("name").asString(null));
        if (groupVariable != null) {
            JsonNode value = input.get(groupVariable);
            assertThat(reader.groupValue())
                    .isEqualTo(value == null || value.isNull() || value.isContainer() ? null : value.asString());
        }
        JsonNode interactions = out.get(RunIndexWriter.INTERACTIONS_FIELD);
        assertThat(reader.hasInteractions()).isEqualTo(interactions != null && !interactions.isNull());
        if (reader.hasInteractions()) {
            int n = CATALOG.features().size();
            for (int k = 0; k < n; k++) {
                assertThat(reader.interactionIndex()[k])
                        .isEqualTo(CATALOG.feature(
                                        interactions.get("feature_names").get(k).asString())
                                .index());
                for (int j = 0; j < n; j++) {
                    assertThat(reader.interactions()[k * n + j])
                            .isEqualTo(interactions.get("values").get(k).get(j).asDouble());
                }
            }
        }
    }

    @Test
    void readsTheIndexStepsUsualLinesItselfAsTheTreeReadsThem() {
        List<String> lines = new ArrayList<>(Lines.handMade(temp.resolve("hand-made"), false));
        lines.addAll(Lines.handMade(temp.resolve("interacting"), true));
        lines.addAll(Lines.of(BatchOutputFixture.copy(temp.resolve("real"))));
        LineReader reader = reader("credit__purpose");
        LineReader numeric = reader("credit__duration");
        for (String line : lines) {
            assertReadsAsTheTree(reader, line, "credit__purpose");
            assertReadsAsTheTree(numeric, line, "credit__duration");
            assertReadsAsTheTree(reader, Lines.shuffled(line, line.length()), "credit__purpose");
            if (!line.contains("\"error\"")) {
                assertReadsAsTheTree(reader, Lines.dataJoin(line, true), "credit__purpose");
                assertReadsAsTheTree(numeric, Lines.dataJoin(line, false), "credit__duration");
            }
        }
    }

    @Test
    void readsNullValuesUnknownCategoriesAndMissingOptionalFieldsItself() {
        String line = Lines.handMade(temp.resolve("hand-made"), true).get(0);
        LineReader reader = reader("credit__purpose");
        List<String> variants = List.of(
                Lines.edited(line, node -> node.putNull("credit__amount").putNull("credit__purpose")),
                Lines.edited(line, node -> node.put("credit__purpose", "spaceship")),
                Lines.edited(line, node -> node.remove(List.of("credit__amount", "credit__purpose"))),
                Lines.edited(line, node -> Lines.output(node).remove("reasons")),
                Lines.edited(line, node -> Lines.output(node).putNull(RunIndexWriter.INTERACTIONS_FIELD)),
                Lines.edited(line, node -> ((ObjectNode) Lines.output(node).get("explanation_shap_values"))
                        .put("explanation_method", "interventional")
                        .putObject("reference")
                        .put("name", "approved")
                        .putArray("rows")
                        .add(1)),
                Lines.edited(
                        line,
                        node -> node.putObject("credit__note").putArray("deep").add(1.5e300)),
                "{\"row_id\":\"00000000000000ee\",\"SageMakerOutput\":{\"error\":null}}");
        for (String variant : variants) {
            assertReadsAsTheTree(reader, variant, "credit__purpose");
        }
    }

    /** What the tree would read in its own way, or refuse: the reader leaves it to the tree and answers false. */
    @Test
    void leavesOddAndBadLinesToTheTree() {
        String line = Lines.handMade(temp.resolve("hand-made"), true).get(0);
        LineReader reader = reader("credit__purpose");
        List<String> odd = List.of(
                line.substring(0, 100),
                line + " {}",
                line + "}",
                "[" + line + "]",
                " ",
                Lines.replaced(line, "\"credit__duration\":0,", "\"credit__duration\":0,\"credit__duration\":1,"),
                Lines.replaced(line, "\"prediction\":", "\"prediction\":1,\"prediction\":"),
                Lines.edited(line, node -> node.put("credit__purpose", 2)),
                Lines.edited(line, node -> node.put("credit__amount", "1000")),
                Lines.edited(line, node -> node.put("credit__amount", true)),
                Lines.edited(
                        line, node -> node.put("credit__amount", new java.math.BigInteger("123456789012345678901"))),
                Lines.edited(line, node -> node.put("row_id", 17)),
                Lines.edited(line, node -> node.remove("row_id")),
                Lines.edited(line, node -> Lines.output(node).put("prediction", "0.05")),
                Lines.edited(line, node -> Lines.output(node).remove("prediction")),
                Lines.edited(line, node -> Lines.shapValues(node).put("credit__amount", "0.1")),
                Lines.edited(line, node -> Lines.shapValues(node).remove("credit__amount")),
                Lines.edited(line, node -> Lines.output(node).putNull("reasons")),
                Lines.edited(line, node -> ((ObjectNode) Lines.output(node).get("explanation_shap_values"))
                        .putNull("explanation_method")),
                Lines.edited(line, node -> ((ObjectNode) Lines.output(node).get("explanation_shap_values"))
                        .put("reference", "approved")),
                Lines.edited(line, node -> node.putNull("SageMakerOutput")),
                Lines.edited(line, node -> ((ArrayNode) Lines.output(node)
                                .get(RunIndexWriter.INTERACTIONS_FIELD)
                                .get("values")
                                .get(0))
                        .add(0.5)),
                Lines.edited(line, node -> ((ArrayNode) Lines.output(node)
                                .get(RunIndexWriter.INTERACTIONS_FIELD)
                                .get("feature_names"))
                        .set(0, "colour")),
                Lines.edited(line, node -> node.putArray("credit__purpose")));
        for (String variant : odd) {
            assertThat(read(reader, variant)).as(variant).isFalse();
        }
        // The reader is reused line to line: after all of those, a good line reads again.
        assertReadsAsTheTree(reader, line, "credit__purpose");
    }

    @Test
    void staysOutOfACatalogueOrGroupVariableThatNamesAnOutputField() {
        String line = Lines.handMade(temp.resolve("hand-made"), false).get(0);

        assertThat(read(reader("prediction"), line)).isFalse();
        assertThat(read(reader("row_id"), line)).isFalse();
        assertThat(read(reader(null), line)).isTrue();
    }

    /**
     * Numbers of every form (shortest doubles, long mantissas past 17 digits, exponents to the ends of the range
     * and beyond, subnormals, signed zeros, ints and longs) read to the same bits as the tree's number nodes.
     */
    @Test
    void readsEveryNumberToTheSameBitsAsTheTree() {
        String line = Lines.handMade(temp.resolve("hand-made"), false).get(0);
        SplittableRandom random = new SplittableRandom(19);
        LineReader reader = reader(null);
        List<String> names = CATALOG.names();
        for (int round = 0; round < 2000; round++) {
            List<String> numbers = new ArrayList<>();
            String edited = Lines.edited(line, node -> {
                ObjectNode shap = Lines.shapValues(node);
                for (String name : names) {
                    String number = number(random);
                    numbers.add(number);
                    shap.set(name, Lines.MAPPER.readTree(number));
                }
            });
            // The tree above normalises the numbers' text: put the generated text back.
            StringBuilder shap = new StringBuilder();
            for (int i = 0; i < names.size(); i++) {
                shap.append(i == 0 ? "" : ",")
                        .append('"')
                        .append(names.get(i))
                        .append("\":")
                        .append(numbers.get(i));
            }
            int start = edited.indexOf("\"shap_values\":{") + "\"shap_values\":{".length();
            String text = edited.substring(0, start) + shap + edited.substring(edited.indexOf('}', start));
            assertReadsAsTheTree(reader, text, null);
        }
    }

    private static String number(SplittableRandom random) {
        return switch (random.nextInt(7)) {
            case 0 -> Double.toString(random.nextDouble(-1, 1));
            case 1 ->
                Double.toString(Double.longBitsToDouble(random.nextLong()))
                        .replace("NaN", "0")
                        .replace("Infinity", "1e400");
            case 2 -> {
                StringBuilder digits = new StringBuilder(random.nextBoolean() ? "-" : "");
                digits.append(random.nextInt(1, 10)).append('.');
                for (int d = random.nextInt(15, 40); d > 0; d--) {
                    digits.append(random.nextInt(10));
                }
                yield digits.append('e').append(random.nextInt(-330, 310)).toString();
            }
            case 3 -> String.format(Locale.ROOT, "%.17g", Double.MIN_NORMAL * random.nextDouble());
            case 4 -> random.nextBoolean() ? "-0.0" : "0.0";
            case 5 -> Integer.toString(random.nextInt());
            default -> Long.toString(random.nextLong());
        };
    }
}
