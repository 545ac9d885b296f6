package com.example.credit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The decisions made all at once without branching on the values ({@link RowDecisions}) are {@link Forest#child}'s,
 * for one row and for blocks, on every kind of split and every special value.
 */
class RowDecisionsTests {

    private static final double[] VALUES = {
        Double.NaN,
        0.0,
        -0.0,
        1e-36,
        -1e-36,
        Forest.ZERO_THRESHOLD,
        -Forest.ZERO_THRESHOLD,
        Math.nextUp(Forest.ZERO_THRESHOLD),
        -Math.nextUp(Forest.ZERO_THRESHOLD),
        Double.MIN_VALUE,
        1e-30,
        -0.5,
        -0.99,
        -1.0,
        -1.5,
        0.5,
        1.0,
        2.7,
        31.0,
        32.0,
        63.0,
        63.99,
        64.0,
        64.5,
        65.0,
        70.0,
        100.0,
        1000.0,
        2147483647.0,
        2147483648.0,
        1e10,
        -1e10,
        1e300,
        -1e300,
        Double.MAX_VALUE,
        -Double.MAX_VALUE,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY
    };
    private static final double[] THRESHOLDS = {
        Double.NEGATIVE_INFINITY,
        -Double.MAX_VALUE,
        -1e10,
        -1.5,
        -1e-36,
        -Double.MIN_VALUE,
        -0.0,
        0.0,
        Double.MIN_VALUE,
        1e-36,
        0.5,
        63.5,
        1e10,
        1e300,
        Double.MAX_VALUE,
        Double.POSITIVE_INFINITY
    };
    private static final List<List<Integer>> LEFT_CATEGORIES = List.of(
            List.of(0),
            List.of(1, 2, 63),
            List.of(5, 31, 32),
            List.of(0, 64, 100),
            List.of(70),
            List.of(63, 64),
            List.of(2, 1000));

    /** Every kind of split on feature 0, one split per tree (its root), the other feature tested below it. */
    private static Forest everyKindOfSplit() {
        List<SplitCondition> conditions = new ArrayList<>();
        for (double threshold : THRESHOLDS) {
            for (MissingType missing : MissingType.values()) {
                conditions.add(new SplitCondition.Numerical(threshold, missing, false));
                conditions.add(new SplitCondition.Numerical(threshold, missing, true));
            }
        }
        for (List<Integer> categories : LEFT_CATEGORIES) {
            conditions.add(new SplitCondition.Categorical(categories));
        }
        List<Tree> trees = new ArrayList<>();
        for (SplitCondition condition : conditions) {
            List<Split> splits = List.of(
                    new Split(0, condition, 1, -1, 10),
                    new Split(1, new SplitCondition.Numerical(0.0, MissingType.NAN, true), -2, -3, 6));
            List<Leaf> leaves = List.of(new Leaf(0.1, 4), new Leaf(0.2, 3), new Leaf(0.3, 3));
            trees.add(new Tree(trees.size(), splits, leaves, 1.0));
        }
        return Forest.of(trees, 2);
    }

    private static int splitCount(Forest forest) {
        int splits = 0;
        for (int t = 0; t < forest.numTrees(); t++) {
            splits += forest.numLeaves(t) - 1;
        }
        return splits;
    }

    private static boolean expected(Forest forest, int node, double[] row) {
        return forest.child(node, row[forest.splitFeature(node)]) == forest.leftChild(node);
    }

    /**
     * Prepares {@code row} and decides it tree by tree, then again all at once ({@code decideAll}), checking every
     * split against the forest each time; the splits checked. Tree by tree comes first, so that a row after one
     * decided all at once is checked to be decided afresh.
     */
    private static int assertDecidesEverySplitAsTheForest(Forest forest, RowDecisions decisions, double[] row) {
        decisions.prepare(row);
        for (int t = 0; t < forest.numTrees(); t++) {
            decisions.decideTree(t);
        }
        assertEverySplitAsTheForest(forest, decisions, row, "tree by tree");
        decisions.prepare(row);
        decisions.decideAll();
        assertEverySplitAsTheForest(forest, decisions, row, "all at once");
        return splitCount(forest);
    }

    private static void assertEverySplitAsTheForest(Forest forest, RowDecisions decisions, double[] row, String how) {
        int splits = splitCount(forest);
        for (int node = 0; node < splits; node++) {
            assertThat(decisions.left(node))
                    .as("split %d, row %s, %s", node, Arrays.toString(row), how)
                    .isEqualTo(expected(forest, node, row) ? 1 : 0);
        }
    }

    @Test
    void decidesEveryKindOfSplitForOneRowAsTheForestDecides() {
        Forest forest = everyKindOfSplit();
        RowDecisions decisions = new RowDecisions(forest);

        int checked = 0;
        for (double value : VALUES) {
            for (double other : new double[] {Double.NaN, -1.0, 1.0}) {
                checked += assertDecidesEverySplitAsTheForest(forest, decisions, new double[] {value, other});
            }
        }
        assertThat(checked).isEqualTo(VALUES.length * 3 * splitCount(forest));
    }

    @Test
    void decidesEveryKindOfSplitForABlockAsTheForestDecidesEachRow() {
        Forest forest = everyKindOfSplit();
        RowDecisions decisions = new RowDecisions(forest, VALUES.length + 5);
        double[][] rows = new double[VALUES.length + 2][];
        for (int r = 0; r < rows.length; r++) {
            // The block starts at row 2; its row k holds value k of the list, and value k + 3 for the second feature.
            rows[r] = new double[] {VALUES[(r + VALUES.length - 2) % VALUES.length], VALUES[(r + 1) % VALUES.length]};
        }
        int count = VALUES.length;
        double[] left = new double[count];
        int[] pattern = new int[count];

        decisions.prepare(rows, 2, count);

        assertThat(decisions.count()).isEqualTo(count);
        for (int node = 0; node < splitCount(forest); node++) {
            decisions.left(node, left);
            // The pattern form (batch prediction) sets its bit and leaves the others as they were.
            int bit = node % 30;
            Arrays.fill(pattern, 1 << 30);
            forest.decide(node, decisions, VALUES.length + 5, count, pattern, bit);
            for (int r = 0; r < count; r++) {
                boolean goesLeft = expected(forest, node, rows[2 + r]);
                assertThat(left[r])
                        .as("split %d, row %s", node, Arrays.toString(rows[2 + r]))
                        .isEqualTo(goesLeft ? 1.0 : 0.0);
                assertThat(pattern[r])
                        .as("pattern, split %d, row %s", node, Arrays.toString(rows[2 + r]))
                        .isEqualTo(1 << 30 | (goesLeft ? 1 << bit : 0));
            }
        }
    }

    @Test
    void decidesValuesBesideEveryThresholdInBlocksAsTheForestDecidesEachRow() {
        Forest forest = everyKindOfSplit();
        List<double[]> rows = new ArrayList<>();
        for (double threshold : THRESHOLDS) {
            // The threshold itself and its neighbours (where a difference to it is the smallest there is), and the
            // values farthest from it (where the difference overflows).
            for (double value : new double[] {
                threshold,
                Math.nextUp(threshold),
                Math.nextDown(threshold),
                Math.nextUp(Math.nextUp(threshold)),
                -threshold,
                Double.MAX_VALUE,
                -Double.MAX_VALUE,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                Double.NaN
            }) {
                rows.add(new double[] {value, -value});
            }
        }

        int checked = assertBlocksDecideAsTheForest(forest, rows.toArray(double[][]::new), 64);

        assertThat(checked).isEqualTo(rows.size() * splitCount(forest));
    }

    @Test
    void decidesRandomValuesInBlocksAsTheForestDecidesEachRow() {
        Forest forest = everyKindOfSplit();
        SplittableRandom random = new SplittableRandom(89L);
        double[][] rows = new double[5000][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = new double[] {randomValue(random), randomValue(random)};
        }

        int checked = assertBlocksDecideAsTheForest(forest, rows, 128);

        assertThat(checked).isEqualTo(rows.length * splitCount(forest));
    }

    /**
     * Decides {@code rows} in blocks of up to {@code capacity} at every split of the forest, in both block forms (1.0 /
     * 0.0 per row, and a bit of a pattern), against {@link Forest#child} on each row; the decisions checked.
     */
    private static int assertBlocksDecideAsTheForest(Forest forest, double[][] rows, int capacity) {
        RowDecisions decisions = new RowDecisions(forest, capacity);
        double[] left = new double[capacity];
        int[] pattern = new int[capacity];
        int checked = 0;
        for (int first = 0; first < rows.length; first += capacity) {
            int count = Math.min(capacity, rows.length - first);
            decisions.prepare(rows, first, count);
            for (int node = 0; node < splitCount(forest); node++) {
                decisions.left(node, left);
                Arrays.fill(pattern, 0);
                forest.decide(node, decisions, capacity, count, pattern, 7);
                double[] expectedLeft = new double[count];
                int[] expectedPattern = new int[count];
                for (int r = 0; r < count; r++) {
                    boolean goesLeft = expected(forest, node, rows[first + r]);
                    expectedLeft[r] = goesLeft ? 1.0 : 0.0;
                    expectedPattern[r] = goesLeft ? 1 << 7 : 0;
                }
                // One comparison per split and block (the rows named on a failure): exact, 0.0 and -0.0 told apart.
                assertThat(Arrays.copyOf(left, count))
                        .as("split %d, rows %d to %d", node, first, first + count - 1)
                        .containsExactly(expectedLeft);
                assertThat(Arrays.copyOf(pattern, count))
                        .as("pattern, split %d, rows %d to %d", node, first, first + count - 1)
                        .containsExactly(expectedPattern);
                checked += count;
            }
        }
        return checked;
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void decidesTrainedModelsOnProbeRowsAsTheForestDecides(Scenario scenario) {
        LightGbmModel model = TrainedScenario.of(scenario).model();
        Forest forest = model.forest();
        double[][] rows = ProbeRows.of(scenario, model, 200, 71L + scenario.ordinal());
        RowDecisions one = new RowDecisions(forest);
        RowDecisions block = new RowDecisions(forest, 64);
        double[] left = new double[64];

        for (int first = 0; first < rows.length; first += 64) {
            int count = Math.min(64, rows.length - first);
            block.prepare(rows, first, count);
            for (int node = 0; node < splitCount(forest); node++) {
                block.left(node, left);
                for (int r = 0; r < count; r++) {
                    assertThat(left[r])
                            .as("split %d, block row %d", node, first + r)
                            .isEqualTo(expected(forest, node, rows[first + r]) ? 1.0 : 0.0);
                }
            }
        }
        for (double[] row : rows) {
            assertDecidesEverySplitAsTheForest(forest, one, row);
        }
    }

    @Test
    void decidesRandomValuesAsTheForestDecides() {
        Forest forest = everyKindOfSplit();
        RowDecisions decisions = new RowDecisions(forest);
        SplittableRandom random = new SplittableRandom(83L);

        for (int i = 0; i < 5000; i++) {
            assertDecidesEverySplitAsTheForest(
                    forest, decisions, new double[] {randomValue(random), randomValue(random)});
        }
    }

    private static double randomValue(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> VALUES[random.nextInt(VALUES.length)];
            case 1 -> random.nextInt(-3, 130) + (random.nextBoolean() ? 0.0 : random.nextDouble());
            case 2 -> random.nextGaussian() * Math.pow(10, random.nextInt(-40, 12));
            default -> Double.longBitsToDouble(random.nextLong());
        };
    }

    @Test
    void refusesABlockLargerThanItsCapacity() {
        Forest forest = everyKindOfSplit();
        RowDecisions decisions = new RowDecisions(forest, 4);
        double[][] rows = new double[5][2];

        assertThatThrownBy(() -> decisions.prepare(rows, 0, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a block holds 1 to 4 rows, got 5");
    }

    @Test
    void keepsDecisionsTreeByTreeOnlyForOneRow() {
        RowDecisions decisions = new RowDecisions(everyKindOfSplit(), 4);

        assertThatThrownBy(() -> decisions.decideTree(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("decisions tree by tree are kept for one row, this scratch holds blocks of 4");
        assertThatThrownBy(decisions::decideAll)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("decisions tree by tree are kept for one row, this scratch holds blocks of 4");
    }
}
