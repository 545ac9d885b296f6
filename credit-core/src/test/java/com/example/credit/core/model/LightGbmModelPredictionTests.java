package com.example.credit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.core.shap.RandomForests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The pure-Java reader predicts what LightGBM predicts, on every kind of model and on edge-case rows. */
class LightGbmModelPredictionTests {

    private static final int SAMPLED_ROWS = 2000;

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void predictsTheRawScoreOfLightGbm(Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        double[][] rows = ProbeRows.of(scenario, trained.model(), SAMPLED_ROWS, 11L + scenario.ordinal());
        double[] expected = trained.reference().predictRaw(rows);

        double maxDelta = 0;
        for (int r = 0; r < rows.length; r++) {
            maxDelta = Math.max(maxDelta, Math.abs(trained.model().predictRaw(rows[r]) - expected[r]));
        }

        System.out.printf("%s: %d rows, max |raw score delta| = %.3e%n", scenario, rows.length, maxDelta);
        assertThat(rows.length).isGreaterThanOrEqualTo(SAMPLED_ROWS);
        assertThat(maxDelta).isLessThanOrEqualTo(1e-9);
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void predictsTheProbabilityOfLightGbm(Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        double[][] rows = ProbeRows.of(scenario, trained.model(), 500, 23L + scenario.ordinal());
        double[] expected = trained.reference().predictProbability(rows);

        for (int r = 0; r < rows.length; r++) {
            assertThat(trained.model().predictProbability(rows[r]))
                    .as("row %d", r)
                    .isCloseTo(expected[r], org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void decidesABlockOfRowsAsItDecidesEachRow(Scenario scenario) {
        Forest forest = TrainedScenario.of(scenario).model().forest();
        double[][] rows = ProbeRows.of(scenario, TrainedScenario.of(scenario).model(), 300, 41L + scenario.ordinal());
        int splits = 0;
        for (int t = 0; t < forest.numTrees(); t++) {
            splits += forest.numLeaves(t) - 1;
        }
        double[] values = new double[rows.length + 3];
        boolean[] left = new boolean[rows.length];

        for (int node = 0; node < splits; node++) {
            int f = forest.splitFeature(node);
            for (int r = 0; r < rows.length; r++) {
                values[3 + r] = rows[r][f];
            }
            forest.goesLeft(node, values, 3, rows.length, left);
            for (int r = 0; r < rows.length; r++) {
                boolean expected = forest.child(node, rows[r][f]) == forest.leftChild(node);
                assertThat(left[r])
                        .as("split %d, row %d, value %s", node, r, rows[r][f])
                        .isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void predictsABlockOfRowsWithTheBitsOfEachRowAlone(Scenario scenario) {
        LightGbmModel model = TrainedScenario.of(scenario).model();
        // 150 rows: two full blocks and a partial one.
        double[][] rows = ProbeRows.of(scenario, model, 150, 53L + scenario.ordinal());

        assertBatchGivesTheBitsOfEachRowAlone(model, rows, scenario.name());
    }

    @Test
    void predictsABlockOfRowsWithTheBitsOfEachRowAloneOnRandomForests() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(61L);
        for (int seed = 0; seed < 30; seed++) {
            // Up to 12 leaves: trees of up to eight splits go by decision patterns, the others are walked.
            RandomForests forests = RandomForests.of(seed, 5, 25, 12, 1.0);
            LightGbmModel model = LightGbmModel.parse(forests.text());

            assertBatchGivesTheBitsOfEachRowAlone(model, forests.rows(70 + seed, random), "forest " + seed);
        }
    }

    @Test
    void givesTheLeafOfAPatternOfDecisionsAsTheRowsWithThatPatternReachItAndRefusesLargeTrees() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(71L);
        int checked = 0;
        int refused = 0;
        for (int seed = 0; seed < 10; seed++) {
            RandomForests forests = RandomForests.of(seed, 5, 25, 12, 1.0);
            Forest forest = LightGbmModel.parse(forests.text()).forest();
            for (int t = 0; t < forest.numTrees(); t++) {
                int tree = t;
                int root = forest.root(t);
                int splits = forest.numLeaves(t) - 1;
                if (splits > 8) {
                    assertThatThrownBy(() -> forest.leafOfPattern(tree, 0))
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessage("tree " + t + " has " + splits
                                    + " splits; leaves by pattern are kept for trees of at most 8");
                    refused++;
                    continue;
                }
                for (double[] row : forests.rows(20, random)) {
                    int pattern = 0;
                    for (int s = 0; s < splits; s++) {
                        int node = root + s;
                        pattern |=
                                (forest.child(node, row[forest.splitFeature(node)]) == forest.leftChild(node) ? 1 : 0)
                                        << s;
                    }
                    assertThat(forest.leafOfPattern(t, pattern))
                            .as("forest %d, tree %d", seed, t)
                            .isEqualTo(~forest.leafOf(t, row));
                    checked++;
                }
            }
        }
        assertThat(checked).isPositive();
        assertThat(refused).isPositive();
    }

    @Test
    void predictsBatchesSmallerThanABlockWithTheBitsOfEachRowAlone() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(67L);
        for (int seed = 0; seed < 10; seed++) {
            RandomForests forests = RandomForests.of(seed, 5, 25, 12, 1.0);
            LightGbmModel model = LightGbmModel.parse(forests.text());
            double[][] rows = forests.rows(64, random);
            // A request of one record, a few, and one row short of a block: the scratch is sized to the batch.
            for (int size : new int[] {1, 2, 5, 63}) {
                assertBatchGivesTheBitsOfEachRowAlone(
                        model, java.util.Arrays.copyOf(rows, size), "forest " + seed + ", batch of " + size);
            }
        }
    }

    /** Predicts {@code rows} as one batch and checks each row's raw score against the row predicted alone, bit for bit. */
    private static void assertBatchGivesTheBitsOfEachRowAlone(LightGbmModel model, double[][] rows, String what) {
        double[] raw = new double[rows.length];

        model.predictRaw(rows, raw);

        for (int r = 0; r < rows.length; r++) {
            assertThat(Double.doubleToRawLongBits(raw[r]))
                    .as("%s, row %d", what, r)
                    .isEqualTo(Double.doubleToRawLongBits(model.predictRaw(rows[r])));
        }
    }

    @Test
    void refusesARawScoreArrayOfAnotherLengthThanTheRows() {
        LightGbmModel model = TrainedScenario.of(Scenario.values()[0]).model();
        double[][] rows = new double[3][model.numFeatures()];

        assertThatThrownBy(() -> model.predictRaw(rows, new double[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("raw has 2 values for 3 rows, it needs one per row");
    }

    @Test
    void readsTheModelStructureLightGbmWrote() {
        LightGbmModel model = TrainedScenario.of(Scenario.CATEGORICAL).model();

        assertThat(model.version()).isEqualTo("v4");
        assertThat(model.numFeatures()).isEqualTo(6);
        assertThat(model.featureNames())
                .containsExactly("Column_0", "Column_1", "Column_2", "Column_3", "Column_4", "Column_5");
        assertThat(model.objective().sigmoid()).isEqualTo(1.0);
        assertThat(model.numTrees()).isEqualTo(Scenario.CATEGORICAL.iterations());
        assertThat(model.featureInfos().get(3)).isInstanceOf(FeatureInfo.Categorical.class);
        assertThat(model.featureInfos().get(0)).isInstanceOf(FeatureInfo.Numerical.class);
        assertThat(model.trees().stream().flatMap(tree -> tree.splits().stream()))
                .as("bitset splits over several categories")
                .anySatisfy(split -> assertThat(split.condition())
                        .isInstanceOfSatisfying(SplitCondition.Categorical.class, categorical -> assertThat(
                                        categorical.leftCategories())
                                .hasSizeGreaterThan(1)));
    }

    @Test
    void readsMissingTypesOfBothKinds() {
        assertThat(missingTypes(TrainedScenario.of(Scenario.NAN_MISSING).model()))
                .contains(MissingType.NAN);
        assertThat(missingTypes(TrainedScenario.of(Scenario.ZERO_AS_MISSING).model()))
                .contains(MissingType.ZERO);
    }

    @Test
    void deepTreesSplitOnTheSameFeatureTwiceOnOnePath() {
        LightGbmModel model = TrainedScenario.of(Scenario.DEEP).model();

        assertThat(model.forest().maxDepth()).isGreaterThanOrEqualTo(10);
        assertThat(model.trees()).anySatisfy(tree -> assertThat(repeatsFeatureOnAPath(tree, 0, 0L))
                .isTrue());
    }

    @Test
    void readsOneLeafTreesAsConstants() {
        LightGbmModel model = TrainedScenario.of(Scenario.SINGLE_LEAF).model();
        double constant = model.trees().get(0).leaves().get(0).value();

        assertThat(model.trees())
                .allSatisfy(tree -> assertThat(tree.numLeaves()).isEqualTo(1));
        assertThat(model.predictRaw(new double[] {1, Double.NaN, -4})).isEqualTo(constant * model.numTrees());
    }

    @Test
    void rejectsARowOfTheWrongLength() {
        LightGbmModel model = TrainedScenario.of(Scenario.NUMERIC).model();

        assertThatThrownBy(() -> model.predictRaw(new double[5]))
                .isInstanceOf(FeatureVectorException.class)
                .hasMessage("row has 5 values, the model needs exactly 6");
    }

    private static java.util.Set<MissingType> missingTypes(LightGbmModel model) {
        java.util.Set<MissingType> types = java.util.EnumSet.noneOf(MissingType.class);
        for (Tree tree : model.trees()) {
            for (Split split : tree.splits()) {
                if (split.condition() instanceof SplitCondition.Numerical numerical) {
                    types.add(numerical.missingType());
                }
            }
        }
        return types;
    }

    private static boolean repeatsFeatureOnAPath(Tree tree, int node, long featuresAbove) {
        if (node < 0 || tree.splits().isEmpty()) {
            return false;
        }
        Split split = tree.splits().get(node);
        long bit = 1L << split.feature();
        if ((featuresAbove & bit) != 0) {
            return true;
        }
        return repeatsFeatureOnAPath(tree, split.leftChild(), featuresAbove | bit)
                || repeatsFeatureOnAPath(tree, split.rightChild(), featuresAbove | bit);
    }
}
