package com.example.credit.core.shap;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.core.model.Forest;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.model.LightGbmReference;
import com.example.credit.core.model.ProbeRows;
import com.example.credit.core.model.Scenario;
import com.example.credit.core.model.TrainedScenario;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The default engine explains trees of at most six splits by one look-up in {@link PatternTables}: exact (LightGBM's
 * contributions, the path walk's interaction values), with every split kind decided as the forest decides it, and a
 * row gets the same bits alone and in blocks of any fill.
 */
class TreeShapPatternTablesTests {

    private static final double[] SPECIALS = {
        Double.NaN,
        0.0,
        -0.0,
        1e-36,
        -1e-36,
        1e-35,
        1.0000000180025095e-35,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        -1,
        -0.5,
        0.5,
        2.5,
        63,
        64,
        40,
        1e10,
        -1e10
    };

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void decideEverySplitAsTheForestDoes(Scenario scenario) {
        LightGbmModel model = TrainedScenario.of(scenario).model();
        Forest forest = model.forest();
        PatternTables patterns = new PatternTables(new ShapTrees(forest), model.trees());
        double[][] rows = ProbeRows.of(scenario, model, 200, 17L + scenario.ordinal());
        int splits = 0;
        for (int t = 0; t < forest.numTrees(); t++) {
            splits += forest.numLeaves(t) - 1;
        }

        for (int node = 0; node < splits; node++) {
            int feature = forest.splitFeature(node);
            for (double[] row : rows) {
                assertDecision(patterns, forest, node, row[feature]);
            }
            for (double value : SPECIALS) {
                assertDecision(patterns, forest, node, value);
            }
        }
    }

    @Test
    void tinyTreesOfEverySplitKindEqualLightGbmAndKeepTheirBitsInBlocks() {
        for (long seed = 0; seed < 30; seed++) {
            // Trees of up to 7 leaves (6 splits) over numerical and categorical features with repeated features,
            // missing values of every kind and values on the thresholds.
            RandomForests forests = RandomForests.of(seed, 3 + (int) (seed % 5), 40, 7, 1.0);
            LightGbmModel model = LightGbmModel.parse(forests.text());
            TreeShap shap = TreeShap.of(model);
            double[][] rows = forests.rows(133, new SplittableRandom(500 + seed));
            int withSplits = 0;
            for (int t = 0; t < model.forest().numTrees(); t++) {
                withSplits += model.forest().root(t) >= 0 ? 1 : 0;
            }
            assertThat(shap.treesInPatternTables()).as("seed %d", seed).isEqualTo(withSplits);

            double[][] batch = new double[rows.length][shap.numFeatures() + 1];
            shap.contributions(rows, batch);
            try (LightGbmReference reference = LightGbmReference.load(forests.text(), forests.numFeatures())) {
                double[][] expected = reference.contributions(rows);
                for (int r = 0; r < rows.length; r++) {
                    double[] alone = shap.contributions(rows[r]);
                    assertThat(batch[r]).as("seed %d row %d", seed, r).containsExactly(alone);
                    for (int f = 0; f < alone.length; f++) {
                        assertThat(Math.abs(alone[f] - expected[r][f]))
                                .as("seed %d row %d feature %d", seed, r, f)
                                .isLessThanOrEqualTo(1e-9);
                    }
                }
            }
        }
    }

    @Test
    void tinyTreesGiveTheInteractionValuesOfTheConditionedPathWalk() {
        for (long seed = 0; seed < 30; seed++) {
            RandomForests forests = RandomForests.of(seed, 3 + (int) (seed % 5), 40, 7, 1.0);
            LightGbmModel model = LightGbmModel.parse(forests.text());
            TreeShap shap = TreeShap.of(model);
            TreeShap walkOnly = TreeShap.of(model, TreeShap.Engine.PATH_WALK);
            for (double[] row : forests.rows(40, new SplittableRandom(900 + seed))) {
                double[][] expected = walkOnly.interactions(row);
                double[][] actual = shap.interactions(row);
                for (int i = 0; i < expected.length; i++) {
                    for (int j = 0; j < expected.length; j++) {
                        assertThat(Math.abs(actual[i][j] - expected[i][j]))
                                .as("seed %d (%d, %d)", seed, i, j)
                                .isLessThanOrEqualTo(1e-12);
                    }
                }
            }
        }
    }

    @Test
    void treesOfMoreThanSixSplitsAreLeftToTheOtherMethods() {
        TrainedScenario trained = TrainedScenario.of(Scenario.DEEP);
        TreeShap shap = TreeShap.of(trained.model());
        int tiny = 0;
        int larger = 0;
        for (int t = 0; t < trained.model().forest().numTrees(); t++) {
            int splits = trained.model().forest().numLeaves(t) - 1;
            tiny += splits >= 1 && splits <= PatternTables.MAX_SPLITS ? 1 : 0;
            larger += splits > PatternTables.MAX_SPLITS ? 1 : 0;
        }

        assertThat(larger).isPositive();
        assertThat(shap.treesInPatternTables()).isEqualTo(tiny);
    }

    private static void assertDecision(PatternTables patterns, Forest forest, int node, double value) {
        boolean expected = forest.child(node, value) == forest.leftChild(node);
        assertThat(patterns.goesLeft(node, value))
                .as("split %d, value %s", node, value)
                .isEqualTo(expected);
    }
}
