package com.example.credit.core.shap;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.model.LightGbmReference;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The default engine explains trees of more than six splits whose paths test at most ten distinct features by
 * {@link LeafTables}, one row at a time or a block of rows per walk of the tree: exact (LightGBM's contributions),
 * and a row gets the same bits alone and in blocks of any fill.
 */
class TreeShapLeafTablesTests {

    @Test
    void tablesBeyondTheBudgetGoToTheTreesWithTheSmallestTables() {
        // 200 trees of up to 64 leaves over 10 features: every path fits a table, the tables together do not.
        RandomForests forests = RandomForests.of(7, 10, 200, 64, 1.0);
        LightGbmModel model = LightGbmModel.parse(forests.text());
        ShapTrees trees = new ShapTrees(model.forest());
        PatternTables patterns = new PatternTables(trees, model.trees());
        LeafTables tables = new LeafTables(trees, patterns);
        long taken = 0;
        long largestTaken = 0;
        long smallestLeft = Long.MAX_VALUE;
        int left = 0;
        for (int t = 0; t < model.forest().numTrees(); t++) {
            if (model.forest().root(t) < 0 || patterns.covers(t)) {
                continue;
            }
            long entries = LeafTables.entries(trees, t);
            assertThat(entries).as("tree %d", t).isPositive();
            if (tables.covers(t)) {
                taken += entries;
                largestTaken = Math.max(largestTaken, entries);
            } else {
                smallestLeft = Math.min(smallestLeft, entries);
                left++;
            }
        }
        assertThat(left).as("trees left to the quadrature").isPositive();
        assertThat(taken).isLessThanOrEqualTo(LeafTables.MAX_ENTRIES);
        assertThat(largestTaken).as("no tree left out has a smaller table").isLessThanOrEqualTo(smallestLeft);
        assertThat(taken + smallestLeft)
                .as("the smallest tree left out does not fit")
                .isGreaterThan(LeafTables.MAX_ENTRIES);
    }

    @Test
    void tabulatedTreesOfEverySplitKindEqualLightGbmAndKeepTheirBitsInBlocksOfAnyFill() {
        for (long seed = 0; seed < 20; seed++) {
            // Trees of up to 20 leaves over at most 8 features: paths test at most 8 distinct features, so every tree
            // of more than six splits is tabulated; numerical and categorical splits, repeated features on a path,
            // missing values of every kind (none, zero, NaN) and values on the thresholds.
            RandomForests forests = RandomForests.of(seed, 3 + (int) (seed % 6), 30, 8 + (int) (seed % 13), 1.0);
            LightGbmModel model = LightGbmModel.parse(forests.text());
            TreeShap shap = TreeShap.of(model);
            double[][] rows = forests.rows(140, new SplittableRandom(900 + seed));
            int withSplits = 0;
            for (int t = 0; t < model.forest().numTrees(); t++) {
                withSplits += model.forest().root(t) >= 0 ? 1 : 0;
            }
            assertThat(shap.treesInLeafTables()).as("seed %d", seed).isPositive();
            assertThat(shap.treesInLeafTables() + shap.treesInPatternTables())
                    .as("seed %d", seed)
                    .isEqualTo(withSplits);

            try (LightGbmReference reference = LightGbmReference.load(forests.text(), forests.numFeatures())) {
                double[][] expected = reference.contributions(rows);
                double[][] alone = new double[rows.length][];
                for (int r = 0; r < rows.length; r++) {
                    alone[r] = shap.contributions(rows[r]);
                    for (int f = 0; f < alone[r].length; f++) {
                        assertThat(Math.abs(alone[r][f] - expected[r][f]))
                                .as("seed %d row %d feature %d", seed, r, f)
                                .isLessThanOrEqualTo(1e-9);
                    }
                }
                // One batch of 140 rows (a full block and a block of 12), and batches of 1 to 9 rows (by row, and
                // partly filled blocks from 4 rows on) from every offset.
                assertSameBitsInBatch(shap, rows, alone, 0, rows.length, seed);
                int count = 1 + (int) (seed % 9);
                for (int from = 0; from + count <= rows.length; from += count) {
                    assertSameBitsInBatch(shap, rows, alone, from, count, seed);
                }
            }
        }
    }

    private static void assertSameBitsInBatch(
            TreeShap shap, double[][] rows, double[][] alone, int from, int count, long seed) {
        double[][] batch = new double[count][shap.numFeatures() + 1];
        shap.contributions(Arrays.copyOfRange(rows, from, from + count), batch);
        for (int r = 0; r < count; r++) {
            assertThat(batch[r])
                    .as("seed %d row %d in a batch of %d", seed, from + r, count)
                    .containsExactly(alone[from + r]);
        }
    }
}
