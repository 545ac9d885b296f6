package com.example.credit.batch.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.batch.TestModel;
import com.example.credit.batch.report.BatchOutputFixture;
import com.example.credit.batch.report.LabelReader;
import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * The index step's two read paths, side by side: an index built with the streaming reader (and the tree for what it
 * leaves) is byte for byte the index built with the {@code JsonNode} tree alone — every file it writes: the columns,
 * the summary, the row-id index, the score order, the bias outputs and the global explanations — and a bad line
 * fails both with the same message.
 */
class RunIndexStreamingTests {

    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();

    @TempDir
    Path temp;

    List<String> lines;
    Map<String, Boolean> labels;
    ProtectedGroups groups;
    private int runs;

    @BeforeEach
    void handMadeRun() throws IOException {
        lines = Lines.handMade(temp.resolve("hand-made"), false);
        labels = new java.util.HashMap<>();
        for (int r = 0; r < 10; r++) {
            labels.put(HandMadeRun.rowId(r), HandMadeRun.label(r));
        }
        Path protectedFolder = temp.resolve("protected");
        HandMadeRun.writeProtected(protectedFolder);
        groups = ProtectedGroups.read(protectedFolder);
    }

    /** What indexing these lines gives: every file of the index by name, or the failure's class and message. */
    private record Outcome(Map<String, byte[]> files, String failure) {}

    private Outcome index(List<String> lines, boolean streaming, Settings settings) {
        Path run = Lines.write(temp.resolve("run-" + runs++), lines);
        try {
            new RunIndexWriter(CATALOG, settings.model(), streaming)
                    .write(run, settings.labels(), settings.groups(), settings.bias());
        } catch (RuntimeException e) {
            return new Outcome(Map.of(), e.getClass().getName() + ": " + e.getMessage());
        }
        Path index = run.resolve(RunColumns.FOLDER);
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(index)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(index.relativize(file).toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Outcome(files, null);
    }

    private record Settings(Map<String, Boolean> labels, ProtectedGroups groups, BiasSettings bias, RunModel model) {}

    private Settings plain() {
        return new Settings(labels, null, BiasSettings.DEFAULT, null);
    }

    private Settings withBias(String groupVariable) {
        return new Settings(labels, groups, BiasSettings.parse(null, groupVariable, 0.5), null);
    }

    /** Indexes the lines both ways and checks the two indexes are the same bytes; returns the file names. */
    private List<String> assertSameIndex(List<String> lines, Settings settings) {
        Outcome streamed = index(lines, true, settings);
        Outcome tree = index(lines, false, settings);
        assertThat(streamed.failure()).isNull();
        assertThat(tree.failure()).isNull();
        assertThat(streamed.files().keySet()).isEqualTo(tree.files().keySet());
        for (String file : tree.files().keySet()) {
            assertThat(streamed.files().get(file))
                    .as(file)
                    .isEqualTo(tree.files().get(file));
        }
        return List.copyOf(tree.files().keySet());
    }

    /** Indexes the lines both ways, checks both fail alike, and returns the failure. */
    private String sameFailure(List<String> lines) {
        Outcome streamed = index(lines, true, plain());
        Outcome tree = index(lines, false, plain());
        assertThat(tree.failure()).isNotNull();
        assertThat(streamed.failure()).isEqualTo(tree.failure());
        return tree.failure();
    }

    /** The hand-made lines with row 3's line (the fifth, after the error line) replaced. */
    private List<String> withFifth(String line) {
        List<String> changed = new ArrayList<>(lines);
        changed.set(4, line);
        return changed;
    }

    private List<String> map(UnaryOperator<String> change) {
        return lines.stream().map(change).toList();
    }

    private static boolean isError(String line) {
        return line.contains("\"error\"");
    }

    @Test
    void writesTheSameIndexAsTheTreeForTheHandMadeRunWithAndWithoutLabelsProtectedGroupsAndTheModel()
            throws IOException {
        List<String> files = assertSameIndex(lines, plain());
        assertThat(files).contains(RunColumns.SUMMARY, RunColumns.PHI, RunColumns.VALUES, RunColumns.IDS);
        assertSameIndex(lines, new Settings(Map.of(), null, BiasSettings.DEFAULT, null));

        assertThat(assertSameIndex(lines, withBias(null)))
                .contains(RunColumns.BIAS_POST, RunColumns.CLARIFY_ANALYSIS, RunColumns.PROTECTED);
        // A numerical group variable (its values are numbers in the lines) and none at all.
        assertSameIndex(lines, withBias("credit__duration"));
        assertSameIndex(lines, withBias("none"));

        RunModel model = RunModel.read(TestModel.directory());
        assertSameIndex(lines, new Settings(labels, groups, BiasSettings.DEFAULT, model));
    }

    @Test
    void writesTheSameIndexAsTheTreeForARealBatchOutputWithItsLabelsProtectedAttributesAndModel() {
        List<String> real = Lines.of(BatchOutputFixture.copy(temp.resolve("real")));
        Map<String, Boolean> realLabels = LabelReader.read(BatchOutputFixture.labels(), Lines.MAPPER);
        ProtectedGroups realGroups =
                ProtectedGroups.read(BatchOutputFixture.protectedAttributes(temp.resolve("real-protected")));
        RunModel model = RunModel.read(TestModel.directory());

        assertThat(real).hasSizeGreaterThanOrEqualTo(200);
        assertThat(assertSameIndex(real, new Settings(realLabels, realGroups, BiasSettings.DEFAULT, model)))
                .contains(RunColumns.BIAS_POST);
    }

    @Test
    void writesTheSameIndexAsTheTreeWithInteractionValues() {
        List<String> interacting = Lines.handMade(temp.resolve("interacting"), true);

        assertSameIndex(interacting, plain());
        // Interaction values whose names come in another order than the schema's (the matrix permuted with them).
        assertSameIndex(
                interacting.stream()
                        .map(line -> isError(line) ? line : Lines.shuffled(line, line.hashCode()))
                        .toList(),
                plain());
    }

    @Test
    void writesTheSameIndexAsTheTreeWhateverTheOrderOfTheKeys() {
        for (long seed = 1; seed <= 4; seed++) {
            long s = seed;
            assertSameIndex(map(line -> Lines.shuffled(line, s * 31 + line.length())), withBias(null));
        }
        // The input's features after SageMakerOutput, every line.
        assertSameIndex(
                map(line -> Lines.edited(line, node -> node.set("SageMakerOutput", node.remove("SageMakerOutput")))),
                withBias(null));
    }

    @Test
    void writesTheSameIndexAsTheTreeForLinesJoinedUnderData() {
        assertSameIndex(map(line -> Lines.dataJoin(line, true)), withBias(null));
        assertSameIndex(map(line -> Lines.dataJoin(line, false)), withBias(null));
        // Both joins in one run, and a data line with its error at the top.
        List<String> mixed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            mixed.add(i % 2 == 0 ? Lines.dataJoin(lines.get(i), i % 4 == 0) : lines.get(i));
        }
        mixed.add("{\"data\":{\"row_id\":\"00000000000000ee\"},\"error\":{\"status\":500,\"message\":\"boom\"}}");
        assertSameIndex(mixed, withBias(null));
    }

    @Test
    void writesTheSameIndexAsTheTreeWithoutTheOptionalFields() {
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int kind = i % 5;
            changed.add(
                    isError(line) || i == 0
                            ? line
                            : Lines.edited(line, node -> {
                                switch (kind) {
                                    case 0 -> Lines.output(node).remove("reasons");
                                    case 1 -> ((ObjectNode) Lines.output(node).get("reasons")).remove("reasons");
                                    case 2 -> node.remove("credit__amount");
                                    case 3 ->
                                        Lines.output(node)
                                                .get("reasons")
                                                .get("reasons")
                                                .forEach(reason -> ((ObjectNode) reason).remove("feature"));
                                    default -> node.remove(List.of("credit__purpose", "credit__duration"));
                                }
                            }));
        }
        assertSameIndex(changed, withBias(null));
        assertSameIndex(changed, withBias("credit__duration"));
    }

    @Test
    void writesTheSameIndexAsTheTreeForNullValuesAndCategoriesTheSchemaDoesNotKnow() {
        Feature categorical = CATALOG.features().stream()
                .filter(Feature::isCategorical)
                .filter(feature -> !feature.name().equals("credit__purpose"))
                .findFirst()
                .orElseThrow();
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int kind = i % 3;
            changed.add(
                    isError(line)
                            ? line
                            : Lines.edited(line, node -> {
                                switch (kind) {
                                    case 0 -> node.putNull("credit__amount").putNull(categorical.name());
                                    case 1 -> node.put("credit__purpose", "spaceship");
                                    default -> node.putNull("credit__purpose");
                                }
                            }));
        }
        assertSameIndex(changed, withBias(null));
    }

    @Test
    void writesTheSameIndexAsTheTreeForLinesNamingTheirMethodAndReference() {
        UnaryOperator<String> named = line -> isError(line)
                ? line
                : Lines.edited(line, node -> {
                    ObjectNode explanation = (ObjectNode) Lines.output(node).get("explanation_shap_values");
                    explanation.put("explanation_method", "interventional");
                    explanation.putObject("reference").put("name", "approved").put("rows", 120);
                });
        List<String> files = assertSameIndex(map(named), withBias(null));
        assertThat(files).contains(RunColumns.SUMMARY);
        assertThat(new String(
                        index(map(named), true, plain()).files().get(RunColumns.SUMMARY),
                        java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"method\" : \"interventional\"", "\"name\" : \"approved\"");
    }

    /**
     * Odd lines, each of its kind once among lines the streaming reader reads: most it leaves to the tree, which
     * keeps the last of a repeated key, reads a category given as a number or a boolean as its text, iterates a
     * reasons object's values, ignores a matrix row's extra values; whole numbers it reads itself as the tree does.
     */
    @Test
    void writesTheSameIndexAsTheTreeForOddLinesTheStreamingReaderLeavesToIt() {
        List<String> odd = new ArrayList<>(lines);
        odd.set(
                1,
                Lines.replaced(
                        lines.get(1), "\"credit__duration\":1,", "\"credit__duration\":1,\"credit__duration\":7,"));
        odd.set(2, Lines.edited(lines.get(2), node -> node.put("credit__purpose", 2)));
        odd.set(4, Lines.edited(lines.get(4), node -> Lines.output(node).put("prediction", 1)));
        odd.set(5, Lines.edited(lines.get(5), node -> {
            ObjectNode reasons = (ObjectNode) Lines.output(node).get("reasons");
            ObjectNode byName = Lines.MAPPER.createObjectNode();
            byName.set("first", reasons.get("reasons").get(0));
            reasons.set("reasons", byName);
        }));
        odd.set(6, Lines.edited(lines.get(6), node -> Lines.output(node).putNull("reasons")));
        odd.set(7, Lines.edited(lines.get(7), node -> ((ObjectNode)
                        Lines.output(node).get("explanation_shap_values"))
                .putNull("explanation_method")));
        odd.set(8, Lines.edited(lines.get(8), node -> Lines.shapValues(node).put("credit__amount", 2)));
        odd.set(9, Lines.edited(lines.get(9), node -> node.put("credit__purpose", true)
                .putArray("extra")
                .add(Lines.MAPPER.createObjectNode().put("deep", "x"))));
        odd.set(10, "  " + lines.get(10) + " \r");
        assertSameIndex(odd, withBias(null));
        assertSameIndex(odd, withBias("credit__purpose"));

        List<String> interacting = new ArrayList<>(Lines.handMade(temp.resolve("interacting"), true));
        interacting.set(5, Lines.edited(interacting.get(5), node -> Lines.output(node)
                .get(RunIndexWriter.INTERACTIONS_FIELD)
                .get("values")
                .forEach(row -> ((tools.jackson.databind.node.ArrayNode) row).add("ignored"))));
        interacting.set(6, Lines.edited(interacting.get(6), node -> Lines.output(node)
                .putNull(RunIndexWriter.INTERACTIONS_FIELD)));
        assertSameIndex(interacting, plain());
    }

    @Test
    void failsOnALineThatIsNotJsonWithTheTreesMessage() {
        String broken = lines.get(4).substring(0, 200);
        assertThat(sameFailure(withFifth(broken)))
                .startsWith(RunIndexException.class.getName() + ": part-00000.json.out line 5 is not JSON: ");
        assertThat(sameFailure(withFifth(lines.get(4) + " {}")))
                .startsWith(RunIndexException.class.getName() + ": part-00000.json.out line 5 is not JSON: ");
        assertThat(sameFailure(withFifth(lines.get(4) + "}")))
                .startsWith(RunIndexException.class.getName() + ": part-00000.json.out line 5 is not JSON: ");
    }

    @Test
    void failsOnALineWithoutRowIdPredictionOrShapValuesWithTheTreesMessage() {
        String lacks = RunIndexException.class.getName() + ": part-00000.json.out line 5 lacks row_id, prediction or"
                + " explanation_shap_values: index a run joined to its input (JoinSource=Input) with entities"
                + " prediction,explanation_shap_values,reasons";
        String fifth = lines.get(4);
        assertThat(sameFailure(withFifth(Lines.edited(fifth, node -> node.remove("row_id")))))
                .isEqualTo(lacks);
        assertThat(sameFailure(withFifth(Lines.edited(fifth, node -> node.putNull("row_id")))))
                .isEqualTo(lacks);
        assertThat(sameFailure(
                        withFifth(Lines.edited(fifth, node -> Lines.output(node).remove("prediction")))))
                .isEqualTo(lacks);
        assertThat(sameFailure(
                        withFifth(Lines.edited(fifth, node -> Lines.output(node).put("prediction", "0.35")))))
                .isEqualTo(lacks);
        assertThat(sameFailure(withFifth(Lines.edited(
                        fifth, node -> ((ObjectNode) Lines.output(node).get("explanation_shap_values"))
                                .remove("shap_values")))))
                .isEqualTo(lacks);
        assertThat(sameFailure(
                        withFifth(Lines.edited(fifth, node -> Lines.output(node).putNull("explanation_shap_values")))))
                .isEqualTo(lacks);
        assertThat(sameFailure(withFifth(Lines.edited(fifth, node -> node.putNull("SageMakerOutput")))))
                .isEqualTo(lacks);
        String dataArray = Lines.edited(
                Lines.dataJoin(fifth, true),
                node -> node.set("data", Lines.MAPPER.createArrayNode().add(node.get("data"))));
        assertThat(sameFailure(withFifth(dataArray))).isEqualTo(lacks);
    }

    @Test
    void failsOnABadRowIdOrShapValueWithTheTreesMessage() {
        String fifth = lines.get(4);
        assertThat(sameFailure(withFifth(Lines.edited(fifth, node -> node.put("row_id", "row-3")))))
                .isEqualTo(RunIndexException.class.getName()
                        + ": part-00000.json.out line 5: row_id 'row-3' is not 16 hexadecimal digits");
        assertThat(sameFailure(withFifth(Lines.edited(fifth, node -> node.put("row_id", 17)))))
                .isEqualTo(RunIndexException.class.getName()
                        + ": part-00000.json.out line 5: row_id '17' is not 16 hexadecimal digits");
        assertThat(sameFailure(withFifth(
                        Lines.edited(fifth, node -> Lines.shapValues(node).put("credit__amount", "-0.15")))))
                .isEqualTo(RunIndexException.class.getName()
                        + ": part-00000.json.out line 5 has no SHAP value for credit__amount");
        assertThat(sameFailure(withFifth(
                        Lines.edited(fifth, node -> Lines.shapValues(node).remove("credit__duration")))))
                .isEqualTo(RunIndexException.class.getName()
                        + ": part-00000.json.out line 5 has no SHAP value for credit__duration");
        assertThat(sameFailure(withFifth(
                        Lines.edited(fifth, node -> Lines.shapValues(node).putNull("credit__duration")))))
                .isEqualTo(RunIndexException.class.getName()
                        + ": part-00000.json.out line 5 has no SHAP value for credit__duration");
        // A number as text for a numerical feature: the tree reads the number; other text fails its own way.
        assertSameIndex(withFifth(Lines.edited(fifth, node -> node.put("credit__amount", "1003"))), plain());
        assertThat(sameFailure(withFifth(Lines.edited(fifth, node -> node.put("credit__amount", "a lot")))))
                .isNotBlank();
    }

    @Test
    void failsOnALineOfAnotherMethodWithTheTreesMessage() {
        String other = Lines.edited(
                lines.get(4), node -> ((ObjectNode) Lines.output(node).get("explanation_shap_values"))
                        .put("explanation_method", "interventional")
                        .putObject("reference")
                        .put("name", "approved"));

        assertThat(sameFailure(withFifth(other)))
                .isEqualTo(RunIndexException.class.getName() + ": part-00000.json.out line 5 is explained by"
                        + " interventional against 'approved' but part-00000.json.out line 1 by an unnamed method:"
                        + " a run's lines must share one explanation method and reference");
    }

    @Test
    void failsOnBadInteractionValuesWithTheTreesMessage() {
        List<String> interacting = Lines.handMade(temp.resolve("interacting"), true);
        String fifth = interacting.get(4);
        String prefix = RunIndexException.class.getName() + ": part-00000.json.out line 5: "
                + RunIndexWriter.INTERACTIONS_FIELD;
        UnaryOperator<String> fifthWith = line -> {
            List<String> changed = new ArrayList<>(interacting);
            changed.set(4, line);
            return sameFailure(changed);
        };
        String notOneMatrix = prefix + " must hold feature_names and a values matrix of 20 x 20, one row and column"
                + " per feature of the schema";

        assertThat(fifthWith.apply(Lines.edited(
                        fifth, node -> ((ObjectNode) Lines.output(node).get(RunIndexWriter.INTERACTIONS_FIELD))
                                .remove("feature_names"))))
                .isEqualTo(notOneMatrix);
        assertThat(fifthWith.apply(
                        Lines.edited(fifth, node -> ((tools.jackson.databind.node.ArrayNode) Lines.output(node)
                                        .get(RunIndexWriter.INTERACTIONS_FIELD)
                                        .get("values"))
                                .remove(19))))
                .isEqualTo(notOneMatrix);
        assertThat(fifthWith.apply(
                        Lines.edited(fifth, node -> ((tools.jackson.databind.node.ArrayNode) Lines.output(node)
                                        .get(RunIndexWriter.INTERACTIONS_FIELD)
                                        .get("feature_names"))
                                .set(3, "colour"))))
                .isEqualTo(prefix + " names 'colour', which is not a feature of the schema or is named twice");
        assertThat(fifthWith.apply(Lines.edited(fifth, node -> {
                    tools.jackson.databind.node.ArrayNode names =
                            (tools.jackson.databind.node.ArrayNode) Lines.output(node)
                                    .get(RunIndexWriter.INTERACTIONS_FIELD)
                                    .get("feature_names");
                    names.set(3, names.get(2));
                })))
                .isEqualTo(prefix + " names '" + CATALOG.features().get(2).name()
                        + "', which is not a feature of the schema or is named twice");
        assertThat(fifthWith.apply(
                        Lines.edited(fifth, node -> ((tools.jackson.databind.node.ArrayNode) Lines.output(node)
                                        .get(RunIndexWriter.INTERACTIONS_FIELD)
                                        .get("values")
                                        .get(2))
                                .set(5, "0.1"))))
                .isEqualTo(prefix + " values[2][5] is not a number");
        assertThat(fifthWith.apply(
                        Lines.edited(fifth, node -> ((tools.jackson.databind.node.ArrayNode) Lines.output(node)
                                        .get(RunIndexWriter.INTERACTIONS_FIELD)
                                        .get("values")
                                        .get(7))
                                .remove(19))))
                .isEqualTo(prefix + " values[7][19] is not a number");
    }
}
