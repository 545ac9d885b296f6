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

    private static final int[] SIZES = {1, 2, 3, 4, 9};

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
            for (double[] row : forests.rows(40, random)) {
                assertRawScoresAndContributionsOfEachRowAlone(shap, new double[][] {row}, "forest " + seed);
            }
        }
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
