package com.example.credit.core.shap;

import com.example.credit.core.model.Forest;
import com.example.credit.core.model.RowDecisions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Path-dependent TreeSHAP by table look-up for trees whose root-to-leaf paths test few distinct features: everything
 * but the row is computed once per model (the idea of Fast TreeSHAP v2, Yang, "Fast TreeSHAP: Accelerating SHAP
 * Value Computation for Trees", arXiv:2109.09847). Used by {@link TreeShap.Engine#HYBRID} for the trees it covers.
 *
 * <p>A leaf whose path tests the distinct features {@code F} ({@code d} of them) with zero fractions {@code z_e}
 * adds, for a row whose one fractions are 1 for the features in {@code H} (the taken set), to a feature not in
 * {@code H} {@code -v B(H)} and to a feature {@code e} in {@code H} {@code v (1 - z_e) / z_e B(H \ e)}, where
 * {@code B(H) = sum over S subset of H of |S|! (d - 1 - |S|)! / d! * prod over F \ S of z}: the Shapley values of
 * the leaf's product game, which is what LightGBM's path extension and unwinding compute step by step. {@code v B}
 * is tabulated for all {@code 2^d} sets {@code H} of each leaf; a row then costs one walk of the tree carrying
 * {@code H} as a bit mask and {@code d} look-ups per leaf, instead of {@code d} unwindings of {@code d} steps.
 *
 * <p>Tables grow as {@code 2^d}: trees whose paths test more than {@link #MAX_PATH_FEATURES} distinct features, or
 * that would take the model past {@link #MAX_ENTRIES} (trees with the smallest tables are taken first), are left to
 * the quadrature. Immutable and shared by all
 * threads.
 */
final class LeafTables {

    /** Paths testing more distinct features than this are not tabulated. */
    static final int MAX_PATH_FEATURES = 10;

    // Next to the quadrature, tables pay only while they stay in cache: 1 MiB per model, the smallest tables first
    // (measured: with 4 MiB the bench's 300 x 31 model explained one row half as fast as with 1 MiB or with
    // quadrature alone, while models whose tables take under 1 MiB, e.g. 100 trees of 15 or 31 leaves on the credit
    // data, explain one row 1.3-1.4x faster with them than without; see docs/performance.md).
    static final int MAX_ENTRIES = 1 << 17;

    private final Forest forest;
    private final boolean[] tabulated;
    // Per split of a tabulated tree: the index of its feature among the distinct features of the path to it, and
    // whether this split is the first on the path to test that feature.
    private final int[] element;
    private final boolean[] first;
    // Per leaf of a tabulated tree: the number of distinct path features, where its features, factors and table
    // start.
    private final int[] leafFeatures;
    private final int[] leafElementStart;
    private final int[] leafTableStart;
    private final int[] elementFeature;
    // (1 - z_e) / z_e per leaf element (the table already holds v B).
    private final double[] elementFactor;
    private final double[] table;

    /** Tables for the trees with a split that {@code patterns} (may be null) does not cover, while they fit. */
    LeafTables(ShapTrees trees, PatternTables patterns) {
        this.forest = trees.forest;
        int numTrees = forest.numTrees();
        int splits = trees.feature.length;
        tabulated = new boolean[numTrees];
        element = new int[splits];
        first = new boolean[splits];
        int numLeaves = forest.numLeaves();
        leafFeatures = new int[numLeaves];
        leafElementStart = new int[numLeaves];
        leafTableStart = new int[numLeaves];

        // First pass: which trees fit, the smallest tables first (a small table stays in cache and pays most).
        List<long[]> candidates = new ArrayList<>();
        for (int t = 0; t < numTrees; t++) {
            int root = forest.root(t);
            if (root < 0 || (patterns != null && patterns.covers(t))) {
                continue;
            }
            long treeEntries = treeEntries(trees, root, new int[0]);
            if (treeEntries >= 0) {
                candidates.add(new long[] {treeEntries, t});
            }
        }
        candidates.sort(Comparator.<long[]>comparingLong(c -> c[0]).thenComparingLong(c -> c[1]));
        long entries = 0;
        for (long[] candidate : candidates) {
            if (entries + candidate[0] <= MAX_ENTRIES) {
                entries += candidate[0];
                tabulated[(int) candidate[1]] = true;
            }
        }
        List<Integer> chosen = new ArrayList<>();
        for (int t = 0; t < numTrees; t++) {
            if (tabulated[t]) {
                chosen.add(t);
            }
        }
        int[] pathFeatures = new int[MAX_PATH_FEATURES];
        elementFeature = new int[countElements(trees, chosen)];
        elementFactor = new double[elementFeature.length];
        table = new double[(int) entries];
        int[] cursor = {0, 0};
        for (int t : chosen) {
            layout(trees, forest.root(t), pathFeatures, new double[MAX_PATH_FEATURES], 0, cursor);
        }
    }

    /** The table entries {@code tree} needs, or -1 if one of its paths tests too many distinct features. */
    static long entries(ShapTrees trees, int tree) {
        int root = trees.forest.root(tree);
        return root < 0 ? 0 : treeEntries(trees, root, new int[0]);
    }

    /** The table entries a tree needs, or -1 if one of its paths tests too many distinct features. */
    private static long treeEntries(ShapTrees trees, int node, int[] pathFeatures) {
        if (node < 0) {
            return 1L << pathFeatures.length;
        }
        int f = trees.feature[node];
        int[] below = pathFeatures;
        if (indexOf(pathFeatures, pathFeatures.length, f) < 0) {
            if (pathFeatures.length == MAX_PATH_FEATURES) {
                return -1;
            }
            below = Arrays.copyOf(pathFeatures, pathFeatures.length + 1);
            below[pathFeatures.length] = f;
        }
        long left = treeEntries(trees, trees.left[node], below);
        long right = left < 0 ? -1 : treeEntries(trees, trees.right[node], below);
        return left < 0 || right < 0 ? -1 : left + right;
    }

    private static int countElements(ShapTrees trees, List<Integer> chosen) {
        int total = 0;
        for (int t : chosen) {
            total += countElements(trees, trees.forest.root(t), new int[MAX_PATH_FEATURES], 0);
        }
        return total;
    }

    private static int countElements(ShapTrees trees, int node, int[] pathFeatures, int d) {
        if (node < 0) {
            return d;
        }
        int f = trees.feature[node];
        int below = d;
        if (indexOf(pathFeatures, d, f) < 0) {
            pathFeatures[d] = f;
            below = d + 1;
        }
        return countElements(trees, trees.left[node], pathFeatures, below)
                + countElements(trees, trees.right[node], pathFeatures, below);
    }

    private static int indexOf(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** Numbers the path elements of every node and fills the leaves' tables; cursor = {element, table entry}. */
    private void layout(ShapTrees trees, int node, int[] pathFeatures, double[] zero, int d, int[] cursor) {
        if (node < 0) {
            fillLeaf(~node, pathFeatures, zero, d, cursor);
            return;
        }
        int f = trees.feature[node];
        int e = indexOf(pathFeatures, d, f);
        int below = d;
        if (e < 0) {
            e = d;
            pathFeatures[d] = f;
            zero[d] = 1;
            below = d + 1;
            first[node] = true;
        }
        element[node] = e;
        double saved = zero[e];
        zero[e] = saved * trees.leftShare[node];
        layout(trees, trees.left[node], pathFeatures, zero, below, cursor);
        zero[e] = saved * trees.rightShare[node];
        layout(trees, trees.right[node], pathFeatures, zero, below, cursor);
        zero[e] = saved;
    }

    private void fillLeaf(int leaf, int[] pathFeatures, double[] zero, int d, int[] cursor) {
        double value = forest.leafValue(leaf);
        leafFeatures[leaf] = d;
        leafElementStart[leaf] = cursor[0];
        leafTableStart[leaf] = cursor[1];
        for (int e = 0; e < d; e++) {
            elementFeature[cursor[0] + e] = pathFeatures[e];
            elementFactor[cursor[0] + e] = (1 - zero[e]) / zero[e];
        }
        // Shapley weights |S|! (d - 1 - |S|)! / d! for |S| < d.
        double[] weight = new double[d + 1];
        for (int s = 0; s < d; s++) {
            double w = 1.0 / d;
            // s! (d - 1 - s)! / d! = 1 / (d * C(d - 1, s))
            for (int k = 1; k <= s; k++) {
                w *= k / (double) (d - k);
            }
            weight[s] = w;
        }
        int size = 1 << d;
        int at = cursor[1];
        // prod over F \ S of z, from the full set down: drop the lowest missing element at each step.
        double[] product = new double[size];
        product[size - 1] = 1;
        for (int set = size - 2; set >= 0; set--) {
            int missing = Integer.numberOfTrailingZeros(~set);
            product[set] = product[set | (1 << missing)] * zero[missing];
        }
        for (int set = 0; set < size; set++) {
            table[at + set] = weight[Integer.bitCount(set)] * product[set];
        }
        // Sum over subsets (zeta transform), then scale by the leaf value.
        for (int e = 0; e < d; e++) {
            int bit = 1 << e;
            for (int set = 0; set < size; set++) {
                if ((set & bit) != 0) {
                    table[at + set] += table[at + (set ^ bit)];
                }
            }
        }
        for (int set = 0; set < size; set++) {
            table[at + set] *= value;
        }
        cursor[0] += d;
        cursor[1] += size;
    }

    /** Whether {@code tree} is tabulated (so {@link TreeShap} explains it by look-up). */
    boolean covers(int tree) {
        return tabulated[tree];
    }

    /**
     * Adds the SHAP values of a tabulated {@code tree} for the row prepared in {@code decisions} to {@code phi}. The
     * leaves are visited left to right whatever the row, as {@link #addBlock} visits them, so that a row gets the same
     * bits alone and in a block. No branch depends on the row (its decisions are made before the walk, and taken
     * sets and values are selected by arithmetic).
     */
    void add(int tree, RowDecisions decisions, double[] phi) {
        int root = forest.root(tree);
        if (root >= 0) {
            decisions.decideTree(tree);
            walk(root, 0, decisions, phi);
        }
    }

    private void walk(int node, int taken, RowDecisions decisions, double[] phi) {
        if (node < 0) {
            leaf(~node, taken, phi);
            return;
        }
        int bit = 1 << element[node];
        // The taken branch keeps the element taken (or makes it so at its first split); the other one drops it.
        int hotTaken = first[node] ? taken | bit : taken;
        int coldTaken = taken & ~bit;
        // All ones if the row goes left, else 0.
        int leftMask = -decisions.left(node);
        walk(forest.leftChild(node), (hotTaken & leftMask) | (coldTaken & ~leftMask), decisions, phi);
        walk(forest.rightChild(node), (coldTaken & leftMask) | (hotTaken & ~leftMask), decisions, phi);
    }

    private void leaf(int leaf, int taken, double[] phi) {
        int d = leafFeatures[leaf];
        int elements = leafElementStart[leaf];
        int at = leafTableStart[leaf];
        double cold = -table[at + taken];
        for (int e = 0; e < d; e++) {
            double hot = elementFactor[elements + e] * table[at + (taken & ~(1 << e))];
            phi[elementFeature[elements + e]] += ShapTrees.choose(taken >>> e & 1, hot, cold);
        }
    }

    /**
     * Adds the SHAP values of the tabulated {@code trees} for rows {@code first} to {@code first + count - 1} of
     * {@code rows} to the same rows of {@code out}, tree by tree: each tree is walked once for the block, its splits
     * decided for all rows at once and each leaf's look-ups done for all rows, so no branch depends on a row. Every
     * row receives the additions of {@link #add}, in the same order: the same bits.
     */
    void addBlock(int[] trees, RowDecisions decisions, double[][] out, int first, Block block) {
        int count = decisions.count();
        if (count > Block.ROWS) {
            throw new IllegalArgumentException("a block holds 1 to " + Block.ROWS + " rows, got " + count);
        }
        int[] none = block.taken[0];
        Arrays.fill(none, 0, count, 0);
        for (int t : trees) {
            int root = forest.root(t);
            if (root >= 0) {
                walkBlock(root, 0, decisions, out, first, count, block);
            }
        }
    }

    private void walkBlock(
            int node, int depth, RowDecisions decisions, double[][] out, int from, int count, Block block) {
        if (node < 0) {
            leafBlock(~node, block.taken[depth], out, from, count);
            return;
        }
        int[] taken = block.taken[depth];
        int[] below = block.taken[depth + 1];
        double[] goesLeft = block.goesLeft[depth];
        decisions.left(node, goesLeft);
        int bit = 1 << element[node];
        boolean isFirst = this.first[node];
        for (int r = 0; r < count; r++) {
            int hot = isFirst ? taken[r] | bit : taken[r];
            int leftMask = -(int) goesLeft[r];
            below[r] = (hot & leftMask) | (taken[r] & ~bit & ~leftMask);
        }
        walkBlock(forest.leftChild(node), depth + 1, decisions, out, from, count, block);
        for (int r = 0; r < count; r++) {
            int hot = isFirst ? taken[r] | bit : taken[r];
            int leftMask = -(int) goesLeft[r];
            below[r] = (taken[r] & ~bit & leftMask) | (hot & ~leftMask);
        }
        walkBlock(forest.rightChild(node), depth + 1, decisions, out, from, count, block);
    }

    private void leafBlock(int leaf, int[] taken, double[][] out, int from, int count) {
        int d = leafFeatures[leaf];
        int elements = leafElementStart[leaf];
        int at = leafTableStart[leaf];
        // Element by element over the rows: each element is a different feature, so a row's additions to each of
        // its features come in the order of leaf().
        for (int e = 0; e < d; e++) {
            int bit = 1 << e;
            double factor = elementFactor[elements + e];
            int feature = elementFeature[elements + e];
            for (int r = 0; r < count; r++) {
                int set = taken[r];
                double hot = factor * table[at + (set & ~bit)];
                out[from + r][feature] += ShapTrees.choose(set >>> e & 1, hot, -table[at + set]);
            }
        }
    }

    /** Scratch space of {@link #addBlock}: per depth the rows' taken sets and decisions (1.0 if a row goes left). */
    static final class Block {

        static final int ROWS = QuadratureBlockWalker.BLOCK;

        final int[][] taken;
        final double[][] goesLeft;

        Block(Forest forest) {
            int levels = forest.maxDepth() + 2;
            taken = new int[levels][ROWS];
            goesLeft = new double[levels][ROWS];
        }
    }
}
