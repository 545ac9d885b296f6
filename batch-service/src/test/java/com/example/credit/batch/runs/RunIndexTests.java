package com.example.credit.batch.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The index and its queries on the hand-made run of {@link HandMadeRun}, whose figures are worked out below. */
class RunIndexTests {

    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();

    @TempDir
    Path temp;

    Path run;
    Map<String, Boolean> labels;

    @BeforeEach
    void writeRun() throws IOException {
        run = Files.createDirectories(temp.resolve("run"));
        labels = HandMadeRun.write(run);
        assertThat(new RunIndexWriter(CATALOG).write(run, labels)).isEqualTo(10);
    }

    static String rowId(int r) {
        return HandMadeRun.rowId(r);
    }

    static String line(int r) {
        return HandMadeRun.line(r);
    }

    private RunIndex index() {
        return RunIndex.open(run, CATALOG);
    }

    private List<String> rows(int... rs) {
        return IntStream.of(rs).mapToObj(RunIndexTests::rowId).toList();
    }

    private List<String> page(String filter, RunIndex.Sort sort) {
        return index().applicants(ApplicantFilter.parse(filter, CATALOG), sort, 0, 100).rows().stream()
                .map(RunIndex.Row::rowId)
                .toList();
    }

    /**
     * Lines are cut from a block buffer: a line longer than the buffer (here 200 KB, beside short ones), multi-byte
     * characters before it, and a last line without a newline are read whole, each at its own byte offset.
     */
    @Test
    void readsLinesLongerThanItsBufferAndALastLineWithoutNewlineAtTheirByteOffsets() throws IOException {
        Path long_ = Files.createDirectories(temp.resolve("long"));
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < 10; r++) {
            String line = line(r);
            if (r == 3) {
                line = "{\"note\":\"" + "\u00e9".repeat(100_000) + "\"," + line.substring(1);
            }
            text.append(line).append(r == 9 ? "" : "\n");
        }
        Files.writeString(long_.resolve("part-00000.json.out"), text);
        assertThat(new RunIndexWriter(CATALOG).write(long_, labels)).isEqualTo(10);
        RunIndex index = RunIndex.open(long_, CATALOG);
        for (int r = 0; r < 10; r++) {
            assertThat(index.applicant(rowId(r)).record().path("row_id").asString())
                    .isEqualTo(rowId(r));
        }
        assertThat(index.applicant(rowId(3)).record().path("note").asString()).hasSize(100_000);
    }

    @Test
    void summarisesTheRunExactly() {
        JsonNode summary = index().summary();

        assertThat(summary.path("records").asLong()).isEqualTo(10);
        assertThat(summary.path("error_lines").asLong()).isEqualTo(1);
        assertThat(summary.path("labelled").asLong()).isEqualTo(10);
        // Positives score 0.05, 0.55, 0.65, 0.75, 0.85; negatives 0.15, 0.25, 0.35, 0.45, 0.95. The first positive
        // beats no negative, the other four beat four each: 16 of 25 pairs.
        assertThat(summary.path("auc").asDouble()).isEqualTo(0.64, within(1e-12));
        JsonNode first = summary.path("importance").get(0);
        assertThat(first.path("feature").asString()).isEqualTo("credit__amount");
        // |0.1 r - 0.45| for r = 0..9: 0.45, 0.35, 0.25, 0.15, 0.05 twice over: 2.5 / 10.
        assertThat(first.path("mean_abs_phi").asDouble()).isEqualTo(0.25, within(1e-6));
        assertThat(first.path("mean_phi").asDouble()).isEqualTo(0.0, within(1e-6));
        assertThat(first.path("reason_share").asDouble()).isEqualTo(0.5);
        JsonNode duration = summary.path("importance")
                .valueStream()
                .filter(node -> node.path("feature").asString().equals("credit__duration"))
                .findFirst()
                .orElseThrow();
        assertThat(duration.path("mean_abs_phi").asDouble()).isEqualTo(0.01, within(1e-6));
        assertThat(duration.path("reason_share").asDouble()).isEqualTo(1.0);
        // Score (r + 0.5) / 10 falls in 50-bin histogram bin 5 r + 2.
        JsonNode all = summary.path("score_histogram").path("all");
        assertThat(IntStream.range(0, 50)
                        .filter(bin -> all.get(bin).asLong() == 1)
                        .boxed()
                        .toList())
                .containsExactly(2, 7, 12, 17, 22, 27, 32, 37, 42, 47);
        assertThat(summary.path("score_histogram").path("default").get(2).asLong())
                .isEqualTo(1);
        JsonNode purpose = summary.path("sketches")
                .path("features")
                .path("credit__purpose")
                .path("value_counts");
        List<String> categories = CATALOG.feature("credit__purpose").categories();
        assertThat(purpose.path(categories.get(0)).asLong()).isEqualTo(4); // r = 0, 3, 6, 9
        assertThat(purpose.path(categories.get(1)).asLong()).isEqualTo(3);
        JsonNode amount =
                summary.path("sketches").path("features").path("credit__amount").path("value_quantiles");
        assertThat(amount.get(0).asDouble()).isEqualTo(1000);
        assertThat(amount.get(100).asDouble()).isEqualTo(1009);
        assertThat(summary.path("files").get(1).path("path").asString()).isEqualTo("sub/part-00001.json.out");
    }

    @Test
    void summarisesTheCalibrationOfTheLabelledApplicantsAndTheMeanPrediction() {
        JsonNode summary = index().summary();

        // Scores (r + 0.5) / 10 against the labels (rows 0, 5, 6, 7 and 8 defaulted): squared errors 0.9025,
        // 0.0225, 0.0625, 0.1225, 0.2025 for rows 0 to 4 and the same backwards for rows 5 to 9, 2.625 in all.
        JsonNode calibration = summary.path("calibration");
        assertThat(calibration.path("brier").asDouble()).isEqualTo(0.2625, within(1e-12));
        // One applicant in each of the ten bins of width 0.1: its own score and label.
        assertThat(calibration.path("bins").size()).isEqualTo(10);
        for (int r = 0; r < 10; r++) {
            JsonNode bin = calibration.path("bins").get(r);
            assertThat(bin.path("lower").asDouble()).as("bin %d", r).isEqualTo(r / 10.0);
            assertThat(bin.path("count").asLong()).as("bin %d", r).isEqualTo(1);
            assertThat(bin.path("mean_predicted").asDouble()).as("bin %d", r).isEqualTo((r + 0.5) / 10, within(1e-12));
            assertThat(bin.path("observed_rate").asDouble())
                    .as("bin %d", r)
                    .isEqualTo(HandMadeRun.label(r) ? 1.0 : 0.0);
        }
        // (0.05 + 0.15 + ... + 0.95) / 10.
        assertThat(summary.path("mean_prediction").asDouble()).isEqualTo(0.5, within(1e-12));
    }

    @Test
    void leavesTheCalibrationOutOfARunWithoutLabelsAndEmptyBinsWithoutMeans() throws IOException {
        Path unlabelled = Files.createDirectories(temp.resolve("unlabelled"));
        HandMadeRun.write(unlabelled);
        new RunIndexWriter(CATALOG).write(unlabelled, Map.of());
        assertThat(RunIndex.open(unlabelled, CATALOG)
                        .summary()
                        .path("calibration")
                        .isNull())
                .isTrue();

        // Rows 0 and 1 labelled only: bins 0 and 1 hold one applicant each, the other eight none.
        Path two = Files.createDirectories(temp.resolve("two"));
        HandMadeRun.write(two);
        new RunIndexWriter(CATALOG).write(two, Map.of(rowId(0), true, rowId(1), false));
        JsonNode bins =
                RunIndex.open(two, CATALOG).summary().path("calibration").path("bins");
        assertThat(bins.get(1).path("observed_rate").asDouble()).isZero();
        assertThat(bins.get(2).path("count").asLong()).isZero();
        assertThat(bins.get(2).path("mean_predicted").isNull()).isTrue();
        assertThat(bins.get(2).path("observed_rate").isNull()).isTrue();
    }

    @Test
    void knowsWhetherItWasIndexedWithTheseLabels() {
        Map<String, Boolean> flipped = new java.util.HashMap<>(labels);
        flipped.put(rowId(3), true);
        Map<String, Boolean> more = new java.util.HashMap<>(labels);
        more.put("00000000000000aa", true);

        assertThat(index().labelledAs(labels)).isTrue();
        assertThat(index().labelledAs(flipped)).isFalse();
        assertThat(index().labelledAs(Map.of())).isFalse();
        // Labels of applicants who are not in the run change nothing.
        assertThat(index().labelledAs(more)).isTrue();
    }

    @Test
    void findsAnApplicantByRowIdAndReadsItsOwnLine() {
        RunIndex.Applicant applicant = index().applicant(rowId(7));

        assertThat(applicant.label()).isEqualTo(1);
        assertThat(applicant.record().toString())
                .isEqualTo(tools.jackson.databind.json.JsonMapper.shared()
                        .readTree(line(7))
                        .toString());
        assertThatThrownBy(() -> index().applicant("0000000000000000"))
                .isInstanceOf(UnknownApplicantException.class)
                .hasMessage("run run has no applicant with row_id '0000000000000000'");
        assertThatThrownBy(() -> index().applicant("not-an-id")).isInstanceOf(UnknownApplicantException.class);
    }

    @Test
    void filtersByLabelScoreReasonAndFeatureValues() {
        String car = CATALOG.feature("credit__purpose").categories().get(0);
        assertThat(page("label=1", RunIndex.Sort.ROW_ID)).isEqualTo(rows(0, 5, 6, 7, 8));
        assertThat(page("score>=0.5,label=0", RunIndex.Sort.ROW_ID)).isEqualTo(rows(9));
        assertThat(page("reason=credit__amount", RunIndex.Sort.ROW_ID)).isEqualTo(rows(0, 2, 4, 6, 8));
        assertThat(page("credit__purpose=" + car, RunIndex.Sort.ROW_ID)).isEqualTo(rows(0, 3, 6, 9));
        assertThat(page("credit__purpose!=" + car + ", credit__duration<5", RunIndex.Sort.ROW_ID))
                .isEqualTo(rows(1, 2, 4));
        assertThat(page("", RunIndex.Sort.SCORE_DESC)).isEqualTo(rows(9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
        assertThat(page("label=0", RunIndex.Sort.SCORE_ASC)).isEqualTo(rows(1, 2, 3, 4, 9));
    }

    @Test
    void pagesThroughTheKeptApplicantsAndSaysHowManyThereAre() {
        RunIndex.Page second = index().applicants(ApplicantFilter.ALL, RunIndex.Sort.SCORE_DESC, 1, 4);

        assertThat(second.total()).isEqualTo(10);
        assertThat(second.rows()).extracting(RunIndex.Row::rowId).isEqualTo(rows(5, 4, 3, 2));
        assertThat(second.rows().get(0).reasons()).containsExactly("credit__duration");
        assertThat(second.rows().get(1).reasons()).containsExactly("credit__amount", "credit__duration");
        assertThat(second.rows().get(0).prediction()).isEqualTo(0.55);
        assertThat(index().applicants(ApplicantFilter.ALL, RunIndex.Sort.SCORE_DESC, 3, 4)
                        .rows())
                .isEmpty();
        assertThatThrownBy(() -> index().applicants(ApplicantFilter.ALL, RunIndex.Sort.SCORE_DESC, 0, 101))
                .isInstanceOf(BadQueryException.class)
                .hasMessage("page size 101 must be between 1 and 100");
    }

    @Test
    void rejectsABadFilterNamingTheTermAndTheRule() {
        assertThatThrownBy(() -> ApplicantFilter.parse("score>>1", CATALOG))
                .isInstanceOf(BadQueryException.class)
                .hasMessage("filter term 'score>>1': '>1' is not a finite number");
        assertThatThrownBy(() -> ApplicantFilter.parse("colour=red", CATALOG))
                .isInstanceOf(BadQueryException.class)
                .hasMessageStartingWith(
                        "filter term 'colour=red': 'colour' is neither label, score, reason nor a" + " feature");
        assertThatThrownBy(() -> ApplicantFilter.parse("credit__purpose=spaceship", CATALOG))
                .isInstanceOf(BadQueryException.class)
                .hasMessageStartingWith("filter term 'credit__purpose=spaceship': 'spaceship' is not a category");
        assertThatThrownBy(() -> ApplicantFilter.parse("label>0", CATALOG))
                .isInstanceOf(BadQueryException.class)
                .hasMessage("filter term 'label>0' compares with >; this key takes = or != only");
        assertThatThrownBy(() -> ApplicantFilter.parse("label=maybe", CATALOG))
                .isInstanceOf(BadQueryException.class)
                .hasMessage("filter term 'label=maybe': label is 1 (default), 0 (no default) or none, not 'maybe'");
        assertThatThrownBy(() -> RunIndex.Sort.parse("name"))
                .isInstanceOf(BadQueryException.class)
                .hasMessage("sort 'name' is not one of score_desc, score_asc, row_id");
    }

    @Test
    void samplesTheDependenceByScoreDecileAndColoursByTheBestCorrelatedFeature() {
        RunIndex.Dependence dependence = index().dependence("credit__amount", 10);

        // One row per decile: all ten, in row order.
        assertThat(dependence.rows()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(dependence.x()[3]).isEqualTo(1003f);
        assertThat(dependence.phi()[3]).isEqualTo((float) (0.1 * 3 - 0.45));
        // credit__duration = r follows the SHAP value of credit__amount exactly (|r| = 1); purpose only partly.
        assertThat(dependence.colour()).isEqualTo("credit__duration");
        assertThat(dependence.colourBasis()).isEqualTo(RunIndex.BEST_CORRELATION);
        assertThat(dependence.colourMethod())
                .startsWith("approximate: ")
                .contains("(|r| = 1.000)")
                .endsWith("the run has no interaction values");
        assertThat(index().hasInteractions()).isFalse();
        assertThat(index().summary().path("interactions").isNull()).isTrue();
        RunIndex.Dependence five = index().dependence("credit__amount", 5);
        assertThat(five.rows()).hasSize(5);
        assertThat(five.rows())
                .isEqualTo(index().dependence("credit__amount", 5).rows());
        assertThat(index().dependence("credit__purpose", 10).categories())
                .isEqualTo(CATALOG.feature("credit__purpose").categories());
        assertThatThrownBy(() -> index().dependence("colour", 10))
                .isInstanceOf(BadQueryException.class)
                .hasMessageStartingWith("feature 'colour' is not one of");
    }

    @Test
    void drawsTheSameRandomApplicantForTheSameSeedAndOnlyAmongTheKeptOnes() {
        ApplicantFilter defaulted = ApplicantFilter.parse("label=1", CATALOG);
        List<String> draws = new ArrayList<>();
        for (long seed = 0; seed < 20; seed++) {
            draws.add(index().random(defaulted, seed).orElseThrow());
        }

        assertThat(draws).allMatch(rows(0, 5, 6, 7, 8)::contains);
        // Twenty seeds reach every one of the five (reservoir sampling of one over the kept rows).
        assertThat(draws).containsAll(rows(0, 5, 6, 7, 8));
        assertThat(index().random(defaulted, 3)).isEqualTo(index().random(defaulted, 3));
        assertThat(index().random(ApplicantFilter.parse("score>1", CATALOG), 3)).isEmpty();
    }

    @Test
    void refusesARunWithARepeatedRowIdAndAnIndexItCannotRead() throws IOException {
        Files.writeString(run.resolve("part-00002.json.out"), line(3) + "\n");
        assertThatThrownBy(() -> new RunIndexWriter(CATALOG).write(run, labels))
                .isInstanceOf(RunIndexException.class)
                .hasMessage("row_id " + rowId(3) + " occurs more than once in the run; row ids are unique");
        // The failed attempt left the earlier index in place.
        assertThat(index().rows()).isEqualTo(10);

        Path summary = run.resolve(".dashboard/index.json");
        Files.writeString(
                summary,
                Files.readString(summary)
                        .replace("\"format_version\" : " + RunIndexWriter.FORMAT_VERSION, "\"format_version\" : 9"));
        assertThatThrownBy(this::index)
                .isInstanceOf(RunIndexException.class)
                .hasMessageContaining("has format 9; this build reads 1 to " + RunIndexWriter.FORMAT_VERSION);
        assertThatThrownBy(() -> RunIndex.open(temp, CATALOG))
                .isInstanceOf(RunIndexException.class)
                .hasMessage("run " + temp + " has no index: index it first");
    }

    private RunIndex indexWithInteractions() throws IOException {
        Path interacting = Files.createDirectories(temp.resolve("interacting"));
        new RunIndexWriter(CATALOG).write(interacting, HandMadeRun.writeWithInteractions(interacting));
        return RunIndex.open(interacting, CATALOG);
    }

    private static double meanAbsInteraction(RunIndex index, String a, String b) {
        return index.summary()
                .path("interactions")
                .path("mean_abs")
                .path(CATALOG.feature(a).index())
                .path(CATALOG.feature(b).index())
                .asDouble();
    }

    @Test
    void aggregatesTheMeanAbsoluteInteractionValueOfEveryFeaturePair() throws IOException {
        RunIndex index = indexWithInteractions();

        assertThat(index.hasInteractions()).isTrue();
        assertThat(index.summary().path("interactions").path("rows").asLong()).isEqualTo(10);
        assertThat(index.summary().path("interactions").path("features").get(0).asString())
                .isEqualTo(CATALOG.features().get(0).name());
        // c_r = -0.02 for r = 0, 3, 6, 9, 0 for r = 1, 4, 7 and 0.02 for r = 2, 5, 8: (4 + 3) * 0.02 / 10.
        assertThat(meanAbsInteraction(index, "credit__amount", "credit__purpose"))
                .isEqualTo(0.014, within(1e-12));
        assertThat(meanAbsInteraction(index, "credit__purpose", "credit__amount"))
                .isEqualTo(0.014, within(1e-12));
        assertThat(meanAbsInteraction(index, "credit__amount", "credit__duration"))
                .isEqualTo(0.005, within(1e-12));
        // φ_aa = 0.1 r - 0.45 - c_r - 0.005: -0.435, -0.355, -0.275, -0.135, -0.055, 0.025, 0.165, 0.245, 0.325,
        // 0.465; their sizes add up to 2.48.
        assertThat(meanAbsInteraction(index, "credit__amount", "credit__amount"))
                .isEqualTo(0.248, within(1e-12));
        // φ_pp = 0.01 - c_r: 0.03 four times, 0.01 three times, -0.01 three times: 0.18 / 10.
        assertThat(meanAbsInteraction(index, "credit__purpose", "credit__purpose"))
                .isEqualTo(0.018, within(1e-12));
        assertThat(meanAbsInteraction(index, "credit__duration", "credit__purpose"))
                .isZero();
    }

    @Test
    void coloursTheDependenceByTheFeatureOfStrongestInteractionWhenTheRunHasInteractionValues() throws IOException {
        RunIndex index = indexWithInteractions();

        RunIndex.Dependence amount = index.dependence("credit__amount", 10);
        // Mean |φ_ij| of credit__amount: 0.014 with purpose, 0.005 with duration, 0 with every other feature. (The
        // correlation heuristic would have chosen credit__duration, whose values follow φ exactly.)
        assertThat(amount.colour()).isEqualTo("credit__purpose");
        assertThat(amount.colourBasis()).isEqualTo(RunIndex.STRONGEST_INTERACTION);
        assertThat(amount.colourMethod())
                .isEqualTo("strongest interaction: the feature of largest mean |SHAP interaction value| with"
                        + " credit__amount over the run's 10 applicants with interaction values (mean |φ_ij| ="
                        + " 0.0140)");
        assertThat(amount.colourValues()[1]).isEqualTo(1f); // row 1's purpose is the category of code 1
        // credit__duration interacts with credit__amount only.
        assertThat(index.dependence("credit__duration", 10).colour()).isEqualTo("credit__amount");
        // A feature of no interaction at all keeps the approximation, and says why.
        String quiet = CATALOG.features().stream()
                .map(com.example.credit.core.schema.Feature::name)
                .filter(name -> !List.of("credit__amount", "credit__purpose", "credit__duration")
                        .contains(name))
                .findFirst()
                .orElseThrow();
        RunIndex.Dependence none = index.dependence(quiet, 10);
        assertThat(none.colourBasis()).isEqualTo(RunIndex.BEST_CORRELATION);
        assertThat(none.colourMethod()).endsWith("every interaction value of " + quiet + " is 0");
    }

    @Test
    void refusesInteractionValuesThatAreNotOneMatrixOfTheSchemasFeatures() throws IOException {
        Path bad = Files.createDirectories(temp.resolve("bad"));
        Files.writeString(
                bad.resolve("part-00000.json.out"),
                line(0).replaceFirst(
                                        "}}$",
                                        ",\"explanation_shap_interaction_values\":{\"feature_names\":[\"credit__amount\"],"
                                                + "\"values\":[[0.1]]}}}")
                        + "\n");

        assertThatThrownBy(() -> new RunIndexWriter(CATALOG).write(bad, Map.of()))
                .isInstanceOf(RunIndexException.class)
                .hasMessage("part-00000.json.out line 1: explanation_shap_interaction_values must hold feature_names"
                        + " and a values matrix of 20 x 20, one row and column per feature of the schema");
    }

    @Test
    void readsAVersionOneIndexAsAnIndexWithoutInteractionValuesOrProtectedGroups() throws IOException {
        Path summary = run.resolve(".dashboard/index.json");
        JsonNode written = tools.jackson.databind.json.JsonMapper.shared().readTree(Files.readString(summary));
        tools.jackson.databind.node.ObjectNode versionOne = (tools.jackson.databind.node.ObjectNode) written;
        versionOne.put("format_version", 1);
        versionOne.remove(List.of("interactions", "protected"));
        Files.writeString(summary, versionOne.toString());

        RunIndex index = index();

        assertThat(index.hasInteractions()).isFalse();
        assertThat(index.dependence("credit__amount", 10).colourBasis()).isEqualTo(RunIndex.BEST_CORRELATION);
        assertThat(page("label=1", RunIndex.Sort.ROW_ID)).isEqualTo(rows(0, 5, 6, 7, 8));
    }

    @Test
    void drawsABeeswarmOfTheTopFeaturesWithEachValuesPositionInItsDistribution() {
        Beeswarm beeswarm = index().beeswarm(3, 10);

        // One row per score decile: all ten. Credit amount leads (mean |φ| 0.25); every other feature has 0.01, and
        // equals keep the schema's order: contact__has_telephone, then credit__coapplicant.
        assertThat(beeswarm.rows()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(beeswarm.seed()).isEqualTo(42);
        assertThat(beeswarm.features())
                .extracting(Beeswarm.FeaturePoints::feature)
                .containsExactly("credit__amount", "contact__has_telephone", "credit__coapplicant");
        Beeswarm.FeaturePoints amount = beeswarm.features().get(0);
        assertThat(amount.meanAbsPhi()).isEqualTo(0.25, within(1e-6));
        assertThat(amount.colouring()).isEqualTo(Beeswarm.VALUE_RANK);
        assertThat(amount.phi()[3]).isEqualTo((float) (0.1 * 3 - 0.45));
        assertThat(amount.values()[3]).isEqualTo(1003f);
        // The 101 quantiles of 1000..1009 by nearest rank round(q * 9 / 100): 1000 is q_0..q_5, 1003 is q_28..q_38,
        // 1009 is q_95..q_100; the middle of each run of equal quantiles, over 100.
        assertThat(amount.position()[0]).isEqualTo(0.025f, within(1e-6f));
        assertThat(amount.position()[3]).isEqualTo(0.33f, within(1e-6f));
        assertThat(amount.position()[9]).isEqualTo(0.975f, within(1e-6f));
    }

    @Test
    void coloursACategoricalFeatureOfTheBeeswarmByItsCategorysMidRank() {
        Beeswarm.FeaturePoints purpose = index().beeswarm(20, 10).features().stream()
                .filter(points -> points.feature().equals("credit__purpose"))
                .findFirst()
                .orElseThrow();

        assertThat(purpose.colouring()).isEqualTo(Beeswarm.CATEGORY_RANK);
        assertThat(purpose.categories())
                .isEqualTo(CATALOG.feature("credit__purpose").categories());
        // Categories of codes 0, 1 and 2 count 4, 3 and 3 of ten: mid-ranks (0 + 2) / 10, (4 + 1.5) / 10 and
        // (7 + 1.5) / 10. Row r has the category of code r mod 3.
        assertThat(purpose.values()[4]).isEqualTo(1f);
        assertThat(purpose.position()[0]).isEqualTo(0.2f, within(1e-6f));
        assertThat(purpose.position()[4]).isEqualTo(0.55f, within(1e-6f));
        assertThat(purpose.position()[8]).isEqualTo(0.85f, within(1e-6f));
    }

    @Test
    void drawsTheSameBeeswarmRowsForTheSameSeedWhateverTheFeaturesShownAndCapsTheQuery() {
        Beeswarm five = index().beeswarm(5, 5);

        assertThat(five.rows()).hasSize(5).isEqualTo(index().beeswarm(20, 5).rows());
        assertThat(five.features()).hasSize(5).allSatisfy(points -> assertThat(points.phi())
                .hasSize(5));
        assertThatThrownBy(() -> index().beeswarm(21, 10))
                .isInstanceOf(BadQueryException.class)
                .hasMessage("features 21 must be between 1 and 20");
        assertThatThrownBy(() -> index().beeswarm(3, 2001))
                .isInstanceOf(BadQueryException.class)
                .hasMessage("points 2001 must be between 1 and 2000");
    }

    @Test
    void placesAValueBetweenTwoQuantilesLinearlyAndOutsideThemAtTheEnds() {
        float[] quantiles = {1, 2, 2, 4};

        assertThat(Beeswarm.quantileRank(1.5f, quantiles)).isEqualTo(0.5f / 3);
        assertThat(Beeswarm.quantileRank(2f, quantiles)).isEqualTo(1.5f / 3); // q_1 and q_2
        assertThat(Beeswarm.quantileRank(3f, quantiles)).isEqualTo(2.5f / 3);
        assertThat(Beeswarm.quantileRank(0f, quantiles)).isZero();
        assertThat(Beeswarm.quantileRank(5f, quantiles)).isEqualTo(1f);
        assertThat(Beeswarm.quantileRank(Float.NaN, quantiles)).isNaN();
        assertThat(Beeswarm.categoryRanks(new long[] {1, 0, 3})).containsExactly(0.125f, 0.25f, 0.625f);
    }

    private RunIndex indexWithProtectedGroups() throws IOException {
        Path groups = temp.resolve("protected_test");
        HandMadeRun.writeProtected(groups);
        new RunIndexWriter(CATALOG).write(run, labels, ProtectedGroups.read(groups));
        return RunIndex.open(run, CATALOG);
    }

    private static List<Long> groupCounts(JsonNode attribute) {
        return attribute
                .path("groups")
                .valueStream()
                .map(group -> group.path("count").asLong())
                .toList();
    }

    @Test
    void joinsTheProtectedAttributesByRowIdAndCountsTheirGroups() throws IOException {
        JsonNode groups = indexWithProtectedGroups().summary().path("protected");

        // Nine of the ten applicants have a protected row (not row 4); the tenth protected row is nobody's in the run.
        assertThat(groups.path("matched").asLong()).isEqualTo(9);
        JsonNode age = groups.path("attributes").get(0);
        assertThat(age.path("attribute").asString()).isEqualTo("age_band");
        assertThat(age.path("source").asString()).isEqualTo("personal__age");
        assertThat(age.path("groups").valueStream().map(group -> group.path("group")
                        .asString()))
                .containsExactly("<25", "25-34", "35-49", "50-64", "65+");
        // Ages 20 + 5 r: 20 | 25, 30 | 35, 45 | 50, 55, 60 | 65.
        assertThat(groupCounts(age)).containsExactly(1L, 2L, 2L, 3L, 1L);
        assertThat(age.path("unknown").asLong()).isEqualTo(1);
        JsonNode gender = groups.path("attributes").get(1);
        assertThat(gender.path("attribute").asString()).isEqualTo("personal__gender");
        assertThat(groupCounts(gender)).containsExactly(4L, 5L); // female 0, 2, 6, 8; male 1, 3, 5, 7, 9
        JsonNode status = groups.path("attributes").get(2);
        assertThat(groupCounts(status)).containsExactly(2L, 3L, 2L, 2L);
    }

    @Test
    void filtersByProtectedGroupAndShowsTheGroupsNowhereElse() throws IOException {
        RunIndex index = indexWithProtectedGroups();

        assertThat(index.hasProtectedGroups()).isTrue();
        assertThat(page("protected.personal__gender=female", RunIndex.Sort.ROW_ID))
                .isEqualTo(rows(0, 2, 6, 8));
        assertThat(page("protected.age_band=25-34", RunIndex.Sort.ROW_ID)).isEqualTo(rows(1, 2));
        assertThat(page("protected.age_band=65+,label=1", RunIndex.Sort.ROW_ID)).isEmpty();
        assertThat(page("protected.age_band=<25", RunIndex.Sort.ROW_ID)).isEqualTo(rows(0));
        // Row 4 has no protected attributes: it is in no group, and "!=" does not keep it either.
        assertThat(page("protected.personal__gender!=female", RunIndex.Sort.ROW_ID))
                .isEqualTo(rows(1, 3, 5, 7, 9));
        assertThat(page("protected.personal__relationship_status=married", RunIndex.Sort.SCORE_DESC))
                .isEqualTo(rows(9, 5, 1));
        assertThat(index.random(ApplicantFilter.parse("protected.personal__gender=female", CATALOG), 5))
                .get()
                .isIn(rows(0, 2, 6, 8));
        // An applicant's answer is its batch output line: no protected attribute in it.
        assertThat(index.applicant(rowId(2)).record().toString()).doesNotContain("personal__age", "female", "divorced");
        assertThat(index.applicants(ApplicantFilter.ALL, RunIndex.Sort.ROW_ID, 0, 1)
                        .rows()
                        .get(0)
                        .toString())
                .doesNotContain("female", "married", "<25");
    }

    @Test
    void refusesAProtectedGroupTermOnARunWithoutProtectedAttributes() {
        ApplicantFilter female = ApplicantFilter.parse("label=1,protected.personal__gender=female", CATALOG);

        assertThat(index().hasProtectedGroups()).isFalse();
        assertThatThrownBy(() -> index().applicants(female, RunIndex.Sort.ROW_ID, 0, 10))
                .isInstanceOf(BadQueryException.class)
                .hasMessage("filter term 'protected.personal__gender=female': the run has no protected attributes;"
                        + " index it with its protected folder (batch index --protected DIR, or serve --run"
                        + " ID=OUT,LABELS,MODEL,PROTECTED)");
        assertThatThrownBy(() -> index().random(female, 1)).isInstanceOf(BadQueryException.class);
    }

    @Test
    void rejectsABadProtectedGroupTermNamingTheTermAndTheRule() {
        assertThatThrownBy(() -> ApplicantFilter.parse("protected.personal__religion=any", CATALOG))
                .isInstanceOf(BadQueryException.class)
                .hasMessage("filter term 'protected.personal__religion=any': 'personal__religion' is not a protected"
                        + " attribute; they are [age_band, personal__gender, personal__relationship_status]");
        assertThatThrownBy(() -> ApplicantFilter.parse("protected.age_band=30", CATALOG))
                .isInstanceOf(BadQueryException.class)
                .hasMessage("filter term 'protected.age_band=30': '30' is not a group of age_band; its groups are"
                        + " [<25, 25-34, 35-49, 50-64, 65+]");
        assertThatThrownBy(() -> ApplicantFilter.parse("protected.age_band>25-34", CATALOG))
                .isInstanceOf(BadQueryException.class)
                .hasMessage("filter term 'protected.age_band>25-34' compares with >; this key takes = or != only");
    }

    @Test
    void refusesAProtectedValueOutsideItsGroupsWithoutRepeatingIt() throws IOException {
        Path groups = Files.createDirectories(temp.resolve("odd"));
        Files.writeString(
                groups.resolve("part-00000.json"),
                HandMadeRun.protectedLine(rowId(0), 30, "female", "single")
                        + HandMadeRun.protectedLine(rowId(1), 30, "Ms Jane Example", "single"));

        assertThatThrownBy(() -> ProtectedGroups.read(groups))
                .isInstanceOf(RunIndexException.class)
                .hasMessage("part-00000.json line 2: personal__gender is not one of [female, male] (the value is"
                        + " personal data and is not repeated here)");
        Files.writeString(
                groups.resolve("part-00000.json"),
                HandMadeRun.protectedLine(rowId(0), 30, "female", "single")
                        + HandMadeRun.protectedLine(rowId(0), 31, "female", "single"));
        assertThatThrownBy(() -> ProtectedGroups.read(groups))
                .isInstanceOf(RunIndexException.class)
                .hasMessage("row_id " + rowId(0) + " has protected attributes twice; row ids are unique");
    }
}
