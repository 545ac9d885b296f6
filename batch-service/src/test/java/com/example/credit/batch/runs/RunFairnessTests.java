package com.example.credit.batch.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.batch.InvalidBiasSettingsException;
import com.example.credit.core.bias.BiasAnalysis;
import com.example.credit.core.bias.BiasReport;
import com.example.credit.core.bias.BiasReportJson;
import com.example.credit.core.bias.ExplanationsByGroup;
import com.example.credit.core.bias.Facet;
import com.example.credit.core.bias.FacetExplanation;
import com.example.credit.core.bias.Facets;
import com.example.credit.core.bias.FeatureAttribution;
import com.example.credit.core.bias.Row;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The index step's fairness analysis on the hand-made run of {@link HandMadeRun} with its labels and protected
 * attributes, against the bias package's own functions applied to the run's rows as this test reads them from the
 * files (not through the index), and against figures worked out by hand below.
 *
 * <p>Nine applicants have protected attributes (all but row 4). Approved when p = (r + 0.5) / 10 is below 0.5: rows 0
 * to 3. Defaulted: rows 0, 5, 6, 7, 8.
 */
class RunFairnessTests {

    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();
    private static final JsonMapper MAPPER = JsonMapper.shared();

    @TempDir
    Path temp;

    Path run;
    Path protectedFolder;
    Map<String, Boolean> labels;

    @BeforeEach
    void writeRun() throws IOException {
        run = Files.createDirectories(temp.resolve("run"));
        labels = HandMadeRun.write(run);
        protectedFolder = temp.resolve("protected_test");
        HandMadeRun.writeProtected(protectedFolder);
    }

    private RunIndex index(BiasSettings settings) {
        new RunIndexWriter(CATALOG).write(run, labels, ProtectedGroups.read(protectedFolder), settings);
        return RunIndex.open(run, CATALOG);
    }

    /** One line of the run as this test reads it. */
    record Line(String rowId, double prediction, String purpose, double[] phi) {}

    /** The run's explained lines, in the files' order, read from the files themselves. */
    private List<Line> lines() throws IOException {
        List<Line> lines = new ArrayList<>();
        for (String file : List.of("part-00000.json.out", "sub/part-00001.json.out")) {
            for (String text : Files.readAllLines(run.resolve(file))) {
                JsonNode node = MAPPER.readTree(text);
                JsonNode output = node.path("SageMakerOutput");
                if (output.has("error")) {
                    continue;
                }
                double[] phi = CATALOG.names().stream()
                        .mapToDouble(name -> output.path("explanation_shap_values")
                                .path("shap_values")
                                .path(name)
                                .asDouble())
                        .toArray();
                lines.add(new Line(
                        node.path("row_id").asString(),
                        output.path("prediction").asDouble(),
                        node.path("credit__purpose").asString(),
                        phi));
            }
        }
        return lines;
    }

    /** The protected attributes by row id, read from the protected folder as text. */
    private Map<String, Map<String, String>> protectedValues() throws IOException {
        Map<String, Map<String, String>> values = new HashMap<>();
        try (Stream<String> text = Files.lines(protectedFolder.resolve("part-00000.json"))) {
            text.map(MAPPER::readTree)
                    .forEach(node -> values.put(
                            node.path("row_id").asString(),
                            Map.of(
                                    "personal__age", node.path("personal__age").asString(),
                                    "personal__gender",
                                            node.path("personal__gender").asString(),
                                    "personal__relationship_status",
                                            node.path("personal__relationship_status")
                                                    .asString())));
        }
        return values;
    }

    private BiasReport expectedReport(List<Facet> facets, Optional<String> groupVariable, double threshold)
            throws IOException {
        Map<String, Map<String, String>> values = protectedValues();
        List<Row> rows = new ArrayList<>();
        for (Line line : lines()) {
            if (values.containsKey(line.rowId())) {
                rows.add(new Row(
                        labels.get(line.rowId()),
                        java.util.OptionalDouble.of(line.prediction()),
                        values.get(line.rowId()),
                        groupVariable.map(name -> line.purpose())));
            }
        }
        return BiasAnalysis.postTraining(rows, facets, groupVariable, threshold);
    }

    private static JsonNode metric(JsonNode report, String facet, String metric) {
        for (JsonNode entry : report.path("facets")) {
            if (entry.path("name").asString().equals(facet)) {
                for (JsonNode result : entry.path("metrics")) {
                    if (result.path("name").asString().equals(metric)) {
                        return result;
                    }
                }
            }
        }
        throw new AssertionError("no " + metric + " of " + facet);
    }

    @Test
    void analysesTheLabelledApplicantsWithProtectedAttributesAsTheBiasAnalysisDoes() throws IOException {
        RunIndex index = index(BiasSettings.DEFAULT);
        JsonNode fairness = index.summary().path("fairness");

        BiasReport expected = expectedReport(
                Facets.standard(), Optional.of(Facets.DEFAULT_GROUP_VARIABLE), BiasSettings.DEFAULT_THRESHOLD);
        assertThat(fairness.path("post_training")).isEqualTo(MAPPER.readTree(BiasReportJson.write(expected)));
        assertThat(index.biasPostJson()).contains(BiasReportJson.write(expected));
        JsonNode rows = fairness.path("rows");
        assertThat(rows.path("labelled").asLong()).isEqualTo(10);
        assertThat(rows.path("analysed").asLong()).isEqualTo(9);
        assertThat(rows.path("without_protected_attributes").asLong()).isEqualTo(1); // row 4
        assertThat(rows.path("without_group_variable").asLong()).isZero();
        assertThat(fairness.path("settings").path("facets").size()).isEqualTo(10);
        assertThat(fairness.path("settings").path("group_variable").asString()).isEqualTo("credit__purpose");
        assertThat(fairness.path("settings").path("approval_threshold").asDouble())
                .isEqualTo(0.5);
        // Female (rows 0, 2, 6, 8): 0 and 2 approved, 2/4; everyone else (1, 3, 5, 7, 9): 1 and 3, 2/5.
        // DPPL = 2/5 - 2/4 = -0.1; DI = (2/4) / (2/5) = 1.25.
        JsonNode post = fairness.path("post_training");
        assertThat(post.path("rows").asLong()).isEqualTo(9);
        assertThat(metric(post, "personal__gender=female", "DPPL").path("value").asDouble())
                .isEqualTo(-0.1, within(1e-12));
        assertThat(metric(post, "personal__gender=female", "DI").path("value").asDouble())
                .isEqualTo(1.25, within(1e-12));
        // 65 and over: row 9 alone, rejected: DI = 0 / (4/8) = 0.
        assertThat(metric(post, "personal__age>=65", "DI").path("value").asDouble())
                .isEqualTo(0.0);
        assertThat(metric(post, "personal__gender=female", "FT").path("status").asString())
                .isEqualTo("not_applicable");
        assertThat(metric(post, "personal__gender=female", "FT").path("reading").asString())
                .contains(BiasAnalysis.FLIP_TEST_SKIPPED);
    }

    @Test
    void explainsByGroupWithTheLinesExactShapValues() throws IOException {
        JsonNode byGroup =
                index(BiasSettings.DEFAULT).summary().path("fairness").path("explanations_by_group");

        Map<String, Map<String, String>> values = protectedValues();
        List<double[]> phis = new ArrayList<>();
        List<Map<String, String>> protectedRows = new ArrayList<>();
        for (Line line : lines()) {
            if (values.containsKey(line.rowId())) {
                phis.add(line.phi());
                protectedRows.add(values.get(line.rowId()));
            }
        }
        List<FacetExplanation> expected =
                ExplanationsByGroup.explain(CATALOG.names(), phis, protectedRows, Facets.standard());
        assertThat(byGroup.size()).isEqualTo(expected.size());
        for (int k = 0; k < expected.size(); k++) {
            JsonNode entry = byGroup.get(k);
            assertThat(entry.path("facet").asString())
                    .isEqualTo(expected.get(k).facet().name());
            assertThat(entry.path("facet_members").path("rows").asLong())
                    .isEqualTo(expected.get(k).facetMembers().rows());
            assertThat(attributions(entry.path("facet_members")))
                    .isEqualTo(expected.get(k).facetMembers().features());
            assertThat(attributions(entry.path("others")))
                    .isEqualTo(expected.get(k).others().features());
        }
        // Female: credit__amount's phi 0.1 r - 0.45 at rows 0, 2, 6, 8: mean (-0.45 - 0.25 + 0.15 + 0.35) / 4 = -0.05,
        // mean |phi| (0.45 + 0.25 + 0.15 + 0.35) / 4 = 0.3.
        JsonNode amount = byGroup.get(0)
                .path("facet_members")
                .path("features")
                .get(CATALOG.feature("credit__amount").index());
        assertThat(amount.path("mean_phi").asDouble()).isEqualTo(-0.05, within(1e-12));
        assertThat(amount.path("mean_abs_phi").asDouble()).isEqualTo(0.3, within(1e-12));
    }

    private static List<FeatureAttribution> attributions(JsonNode group) {
        return group.path("features")
                .valueStream()
                .map(f -> new FeatureAttribution(
                        f.path("feature").asString(),
                        f.path("mean_phi").asDouble(),
                        f.path("mean_abs_phi").asDouble()))
                .toList();
    }

    @Test
    void writesClarifysAnalysisWithThePostTrainingMetricsAndTheExactGlobalShapValues() throws IOException {
        JsonNode analysis = MAPPER.readTree(
                index(BiasSettings.DEFAULT).clarifyAnalysisJson().orElseThrow());

        assertThat(analysis.propertyNames()).containsExactly("post_training_bias_metrics", "explanations");
        JsonNode post = analysis.path("post_training_bias_metrics");
        assertThat(post.path("label").asString()).isEqualTo("credit__default");
        assertThat(post.path("label_value_or_threshold").asString()).isEqualTo("false");
        assertThat(post.path("facets").propertyNames())
                .containsExactly("personal__gender", "personal__age", "personal__relationship_status");
        JsonNode global =
                analysis.path("explanations").path("kernel_shap").path("label0").path("global_shap_values");
        assertThat(global.propertyNames()).containsExactlyElementsOf(CATALOG.names());
        // Every explained applicant (ten, row 4 too): the mean of the lines' |phi| in their order.
        List<Line> lines = lines();
        int amount = CATALOG.feature("credit__amount").index();
        double sum = 0;
        for (Line line : lines) {
            sum += Math.abs(line.phi()[amount]);
        }
        assertThat(global.path("credit__amount").asDouble()).isEqualTo(sum / lines.size());
        assertThat(global.path("credit__amount").asDouble()).isEqualTo(0.25, within(1e-12));
    }

    @Test
    void appliesTheFacetsGroupVariableAndThresholdItIsGiven() throws IOException {
        BiasSettings settings = BiasSettings.parse("personal__gender=female,personal__age>=50", "none", 0.3);

        JsonNode post = index(settings).summary().path("fairness").path("post_training");

        BiasReport expected = expectedReport(settings.facets(), Optional.empty(), 0.3);
        assertThat(post).isEqualTo(MAPPER.readTree(BiasReportJson.write(expected)));
        assertThat(post.path("facets").valueStream().map(f -> f.path("name").asString()))
                .containsExactly("personal__gender=female", "personal__age>=50");
        assertThat(post.path("group_variable").isNull()).isTrue();
        assertThat(metric(post, "personal__gender=female", "CDDPL")
                        .path("status")
                        .asString())
                .isEqualTo("not_applicable");
        // Below 0.3: rows 0, 1, 2. Female 0 and 2 of 4; everyone else 1 of 5: DPPL = 1/5 - 2/4 = -0.3.
        assertThat(metric(post, "personal__gender=female", "DPPL").path("value").asDouble())
                .isEqualTo(-0.3, within(1e-12));
    }

    @Test
    void saysWhyARunHasNoFairnessWithoutProtectedAttributesLabelsOrMatchingRows() throws IOException {
        new RunIndexWriter(CATALOG).write(run, labels);
        RunIndex plain = RunIndex.open(run, CATALOG);
        assertThat(plain.hasFairness()).isFalse();
        assertThat(plain.summary().path("fairness").isNull()).isTrue();
        assertThat(plain.summary().path("fairness_note").asString())
                .startsWith("the run was indexed without protected attributes");
        assertThat(plain.biasPostJson()).isEmpty();
        assertThat(run.resolve(".dashboard/bias-post.json")).doesNotExist();

        new RunIndexWriter(CATALOG).write(run, Map.of(), ProtectedGroups.read(protectedFolder));
        assertThat(RunIndex.open(run, CATALOG).summary().path("fairness_note").asString())
                .startsWith("the run was indexed without labels");

        Path strangers = temp.resolve("strangers");
        Files.createDirectories(strangers);
        Files.writeString(
                strangers.resolve("part-00000.json"),
                HandMadeRun.protectedLine("00000000000000ff", 41, "female", "married"));
        new RunIndexWriter(CATALOG).write(run, labels, ProtectedGroups.read(strangers));
        RunIndex none = RunIndex.open(run, CATALOG);
        assertThat(none.hasFairness()).isFalse();
        assertThat(none.summary().path("fairness_note").asString())
                .isEqualTo("none of the 10 labelled applicants has the protected attributes the facets need"
                        + " (personal__age, personal__gender, personal__relationship_status) and a value of the group"
                        + " variable credit__purpose");
        assertThat(run.resolve(".dashboard/analysis.json")).doesNotExist();
    }

    @Test
    void writesTheSameBytesForTheSameRunAndKeepsApplicantsOutOfTheAggregates() throws IOException {
        index(BiasSettings.DEFAULT);
        Path folder = run.resolve(".dashboard");
        Map<String, byte[]> first = new HashMap<>();
        for (String name : List.of("index.json", "bias-post.json", "analysis.json")) {
            first.put(name, Files.readAllBytes(folder.resolve(name)));
        }

        index(BiasSettings.DEFAULT);

        for (String name : first.keySet()) {
            assertThat(Files.readAllBytes(folder.resolve(name))).as(name).isEqualTo(first.get(name));
            // Aggregates only: no applicant's row id (and so no applicant) in them.
            String text = new String(first.get(name), java.nio.charset.StandardCharsets.UTF_8);
            for (int r = 0; r < 10; r++) {
                assertThat(text).as(name).doesNotContain(HandMadeRun.rowId(r));
            }
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "index.json",
                            "bias-post.json",
                            "analysis.json",
                            "scores.f64",
                            "labels.i8",
                            "reasons.i64",
                            "files.i32",
                            "offsets.i64",
                            "phi.f32",
                            "values.f32",
                            "protected-groups.i8",
                            "row-ids.i64",
                            "by-score.i32",
                            "ids.i64",
                            "id-rows.i32");
        }
    }

    @Test
    void readsAFormatThreeIndexAsOneWithoutFairnessThatTheDashboardIndexesAgain() throws IOException {
        index(BiasSettings.DEFAULT);
        Path summary = run.resolve(".dashboard/index.json");
        tools.jackson.databind.node.ObjectNode formatThree =
                (tools.jackson.databind.node.ObjectNode) MAPPER.readTree(Files.readString(summary));
        formatThree.put("format_version", 3);
        formatThree.remove(List.of("fairness", "fairness_note"));
        Files.writeString(summary, formatThree.toString());

        RunIndex index = RunIndex.open(run, CATALOG);

        assertThat(index.hasFairness()).isFalse();
        assertThat(index.biasPostJson()).isEmpty();
        assertThat(index.fairnessAnalysedWith(BiasSettings.DEFAULT)).isFalse();
        index(BiasSettings.DEFAULT);
        assertThat(RunIndex.open(run, CATALOG).fairnessAnalysedWith(BiasSettings.DEFAULT))
                .isTrue();
        assertThat(RunIndex.open(run, CATALOG).fairnessAnalysedWith(BiasSettings.parse(null, "none", 0.5)))
                .isFalse();
    }

    @Test
    void refusesFacetsThatCannotHoldTheProtectedAttributesGroups() {
        assertThatThrownBy(() -> BiasSettings.parse("personal__religion=any", null, 0.5))
                .isInstanceOf(InvalidBiasSettingsException.class)
                .hasMessage("facet personal__religion=any is on personal__religion, which is not a protected attribute;"
                        + " facets are on [personal__age, personal__gender, personal__relationship_status]");
        assertThatThrownBy(() -> BiasSettings.parse("personal__age=35", null, 0.5))
                .isInstanceOf(InvalidBiasSettingsException.class)
                .hasMessage("facet personal__age=35 compares an age with a value; write an interval, such as"
                        + " personal__age<25, 25<=personal__age<35 or personal__age>=65");
        assertThatThrownBy(() -> BiasSettings.parse("personal__gender<2", null, 0.5))
                .isInstanceOf(InvalidBiasSettingsException.class)
                .hasMessage("facet personal__gender<2 compares personal__gender as a number; write one of its groups,"
                        + " such as personal__gender=female");
        assertThatThrownBy(() -> BiasSettings.parse("personal__gender=femal", null, 0.5))
                .isInstanceOf(InvalidBiasSettingsException.class)
                .hasMessage("facet personal__gender=femal names no group of personal__gender; its groups are"
                        + " [female, male]");
        assertThatThrownBy(() -> BiasSettings.parse("personal__gender female", null, 0.5))
                .isInstanceOf(InvalidBiasSettingsException.class)
                .hasMessageStartingWith("facets: facet 'personal__gender female' is not one of");
        assertThatThrownBy(() -> BiasSettings.parse(null, "credit purpose", 0.5))
                .isInstanceOf(InvalidBiasSettingsException.class)
                .hasMessageStartingWith("group variable 'credit purpose' must be a column name");
        assertThatThrownBy(() -> BiasSettings.parse(null, null, 1.0))
                .isInstanceOf(InvalidBiasSettingsException.class)
                .hasMessage("the approval threshold 1.0 must lie strictly between 0 and 1: the bias metrics need both"
                        + " approvals and rejections to be possible");
    }
}
