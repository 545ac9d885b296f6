package com.example.credit.core.shap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.core.model.FeatureVectorException;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.model.ProbeRows;
import com.example.credit.core.model.Scenario;
import com.example.credit.core.model.TrainedScenario;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The raw scores TreeSHAP hands back with the contributions (from the leaves its look-ups reach, or the model's block
 * prediction) have the bits of {@link LightGbmModel#predictRaw(double[])}, for every engine, batch size and kind of
 * tree, and come with exactly the contributions the row gets alone.
 */
class TreeShapRawScoreTests {

    // One row to a block of 128 and a tail of 3 rows explained one by one.
    private static final int[] SIZES = {1, 2, 3, 4, 9, 131};

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void rawScoresWithTheContributionsHaveTheBitsOfPredictRawForEveryEngineAndBatchSize(Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        LightGbmModel model = trained.model();
        // Sampled rows first, then the edge cases (values on thresholds, NaN, zero, unseen categories).
        double[][] probes = ProbeRows.of(scenario, model, 40, 401L + scenario.ordinal());
        for (TreeShap.Engine engine : TreeShap.Engine.values()) {
            TreeShap shap = TreeShap.of(model, engine);
            for (int size : SIZES) {
                for (int from = 0; from + size <= probes.length; from += size) {
                    double[][] rows = Arrays.copyOfRange(probes, from, from + size);
                    assertRawScoresAndContributionsOfEachRowAlone(
                            shap, rows, scenario + ", " + engine + ", rows " + from + ".." + (from + size - 1));
                }
            }
        }
    }

    @Test
    void rawScoresHaveTheBitsOfPredictRawOnRandomForestsOfPatternAndWalkedTrees() {
        SplittableRandom random = new SplittableRandom(73L);
        for (int seed = 0; seed < 30; seed++) {
            // Up to 12 leaves: trees of up to six splits go by the pattern tables, the others by the other methods,
            // so that a row's raw score mixes looked-up and walked leaves in tree order.
            RandomForests forests = RandomForests.of(seed, 5, 25, 12, 1.0);
            LightGbmModel model = LightGbmModel.parse(forests.text());
            TreeShap shap = TreeShap.of(model);
            assertThat(shap.treesInPatternTables()).as("forest %d", seed).isBetween(1, 24);
            assertThat(shap.blockRawScoresFromLookUps()).as("forest %d", seed).isFalse();
            double[][] rows = forests.rows(40, random);
            for (double[] row : rows) {
                assertRawScoresAndContributionsOfEachRowAlone(shap, new double[][] {row}, "forest " + seed);
            }
            assertRawScoresAndContributionsOfEachRowAlone(shap, rows, "forest " + seed + ", 40 rows");
        }
    }

    @Test
    void blocksOfAForestOfTinyTreesTakeRawScoresFromTheLookUpsWithTheBitsOfPredictRaw() {
        SplittableRandom random = new SplittableRandom(79L);
        int oneLeafTrees = 0;
        for (int seed = 0; seed < 20; seed++) {
            // Up to 7 leaves: every tree in the pattern tables, or of one leaf (a tenth of them), which only adds its
            // output to the raw score, in tree order among the others.
            RandomForests forests = RandomForests.of(100 + seed, 6, 40, 7, 1.0);
            LightGbmModel model = LightGbmModel.parse(forests.text());
            TreeShap shap = TreeShap.of(model);
            assertThat(shap.blockRawScoresFromLookUps()).as("forest %d", seed).isTrue();
            for (int t = 0; t < model.forest().numTrees(); t++) {
                oneLeafTrees += model.forest().root(t) < 0 ? 1 : 0;
            }
            // Blocks of 128, 128 and 44 rows; then a block and a tail of 3 rows explained one by one.
            double[][] rows = forests.rows(300, random);
            assertRawScoresAndContributionsOfEachRowAlone(shap, rows, "forest " + seed + ", 300 rows");
            assertRawScoresAndContributionsOfEachRowAlone(
                    shap, Arrays.copyOf(rows, 131), "forest " + seed + ", 131 rows");
        }
        assertThat(oneLeafTrees).as("one-leaf trees among the forests").isGreaterThan(20);
    }

    @Test
    void refusesRawScoreOutputsThatDoNotMatchTheRows() {
        TrainedScenario trained = TrainedScenario.of(Scenario.NUMERIC);
        TreeShap shap = TreeShap.of(trained.model());
        double[][] rows = Arrays.copyOf(ProbeRows.of(Scenario.NUMERIC, trained.model(), 3, 9L), 3);

        assertThatThrownBy(() -> shap.contributions(rows, new double[3][shap.numFeatures() + 1], new double[2]))
                .isInstanceOf(FeatureVectorException.class)
                .hasMessage("raw score outputs has 2 values, the model needs exactly 3");
        assertThatThrownBy(() -> shap.contributions(rows, new double[2][shap.numFeatures() + 1], new double[3]))
                .isInstanceOf(FeatureVectorException.class)
                .hasMessage("contribution outputs has 2 values, the model needs exactly 3");
    }

    private static void assertRawScoresAndContributionsOfEachRowAlone(TreeShap shap, double[][] rows, String what) {
        double[][] out = new double[rows.length][shap.numFeatures() + 1];
        double[] raw = new double[rows.length];
        Arrays.fill(raw, 123.0);

        shap.contributions(rows, out, raw);

        for (int r = 0; r < rows.length; r++) {
            assertThat(Double.doubleToRawLongBits(raw[r]))
                    .as(
                            "%s: raw score of row %d (%s vs %s)",
                            what, r, raw[r], shap.model().predictRaw(rows[r]))
                    .isEqualTo(Double.doubleToRawLongBits(shap.model().predictRaw(rows[r])));
            assertThat(out[r]).as("%s: contributions of row %d", what, r).containsExactly(shap.contributions(rows[r]));
        }
    }
}
