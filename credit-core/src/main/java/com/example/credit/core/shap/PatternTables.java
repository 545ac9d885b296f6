package com.example.credit.core.shap;

import com.example.credit.core.model.Forest;
import com.example.credit.core.model.RowDecisions;
import com.example.credit.core.model.Split;
import com.example.credit.core.model.SplitCondition;
import com.example.credit.core.model.Tree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Path-dependent TreeSHAP by one look-up per tree for tiny trees: a tree's SHAP values depend on the row only
 * through its decisions at the tree's splits (which branch is hot at each), so for a tree of at most
 * {@link #MAX_SPLITS} splits the values of its distinct features are tabulated once per model for every pattern of
 * decisions. A row then costs one decision per split and one addition per distinct feature, with no walk, no
 * recursion and no per-leaf work: what pays on models of hundreds of trees of a few leaves (training-service's
 * default shape, about 400 trees of at most 4 leaves), whose cost per row is the per-tree overhead.
 *
 * <p>Each entry is a sum over the tree's leaves of the Shapley values of the leaf's product game (see
 * {@link QuadratureShap}): for a leaf with value {@code v}, distinct path features {@code F} ({@code d} of them),
 * zero fractions {@code z} and the set {@code H} of features whose every path branch is hot, feature {@code i} gets
 * {@code v (p_i - z_i) sum over S ⊆ H\i of |S|! (d-1-|S|)! / d! * prod over F\S\i of z}, summed here over the subsets
 * directly (at most {@code 2^(MAX_SPLITS-1)} per feature). Patterns no row can produce (contradictory decisions on
 * one feature) are tabulated too; they are never looked up. Immutable and shared by all threads.
 */
final class PatternTables {

    /** Trees with more splits than this are left to the other methods. */
    static final int MAX_SPLITS = 6;

    // Tables stay small next to the leaf tables: 1 MiB of SHAP values per model at most (the interaction values of a
    // tree of d features take (d - 1) / 2 times as many entries: at most 2.5 MiB more).
    static final int MAX_ENTRIES = 1 << 17;

    // LightGBM's kZeroThreshold, the float literal 1e-35f widened to double, as Forest has it.

    private final Forest forest;
    // Per split of the forest, its decision as Forest.child makes it, without the look-up of the split's kind: a
    // numerical split sends a value v with |v| > kZeroThreshold left iff v <= threshold, NaN left iff nanLeft, and
    // any other value (within kZeroThreshold of 0) left iff zeroLeft. Categorical splits ask the forest.
    private final int[] splitFeature;
    private final double[] threshold;
    private final boolean[] nanLeft;
    private final boolean[] zeroLeft;
    private final boolean[] categorical;
    // For a categorical split whose left categories are all below 64, their bits (-1 marks a wider split, left to
    // the forest); Forest's rule: NaN and negative categories go right, others by truncation towards zero.
    private final long[] categoryMask;
    // Numerical splits without missing-value handling: NaN and values within kZeroThreshold of 0 count as 0, so
    // the decision is one comparison of the value so cleaned (what the block method does for many rows at once).
    private final boolean[] plainNumeric;
    private final boolean[] tabulated;
    // Per tree (tabulated ones only): its number of splits, where its distinct features and its table start, and
    // how many distinct features it tests. A tree's splits are the global indices root .. root + splits - 1.
    private final int[] splitCount;
    private final int[] featureStart;
    private final int[] featureCount;
    private final int[] tableStart;
    private final int[] features;
    // table[tableStart + pattern * featureCount + e]: what the tree gives its e-th feature when bit k of pattern says
    // whether the row goes left at the tree's k-th split.
    private final double[] table;
    // interactionTable[interactionStart + pattern * pairs + k]: the tree's interaction value of its k-th pair of
    // distinct features (a < b in the tree's order: (0,1), (0,2), .., (1,2), ..), pairs = d (d - 1) / 2.
    private final int[] interactionStart;
    private final double[] interactionTable;
    // output[outputStart + pattern]: the output of the leaf the pattern of decisions reaches, so that a row's raw score
    // comes with its SHAP values (TreeShap).
    private final int[] outputStart;
    private final double[] output;

    PatternTables(ShapTrees trees, List<Tree> modelTrees) {
        this.forest = trees.forest;
        int numTrees = forest.numTrees();
        int numSplits = trees.feature.length;
        splitFeature = trees.feature;
        threshold = new double[numSplits];
        nanLeft = new boolean[numSplits];
        zeroLeft = new boolean[numSplits];
        categorical = new boolean[numSplits];
        categoryMask = new long[numSplits];
        plainNumeric = new boolean[numSplits];
        int node = 0;
        for (Tree tree : modelTrees) {
            for (Split split : tree.splits()) {
                if (split.condition() instanceof SplitCondition.Numerical numerical) {
                    threshold[node] = numerical.threshold();
                    boolean zeroGoesLeft = 0.0 <= numerical.threshold();
                    switch (numerical.missingType()) {
                        case NONE -> {
                            // NaN counts as 0.
                            plainNumeric[node] = true;
                            nanLeft[node] = zeroGoesLeft;
                            zeroLeft[node] = zeroGoesLeft;
                        }
                        case ZERO -> {
                            // NaN counts as 0, and 0 is missing.
                            nanLeft[node] = numerical.defaultLeft();
                            zeroLeft[node] = numerical.defaultLeft();
                        }
                        case NAN -> {
                            nanLeft[node] = numerical.defaultLeft();
                            zeroLeft[node] = zeroGoesLeft;
                        }
                    }
                } else {
                    categorical[node] = true;
                    long mask = 0;
                    for (int category : ((SplitCondition.Categorical) split.condition()).leftCategories()) {
                        mask = category < 64 && mask != -1 ? mask | 1L << category : -1;
                    }
                    categoryMask[node] = mask;
                }
                node++;
            }
        }
        tabulated = new boolean[numTrees];
        splitCount = new int[numTrees];
        featureStart = new int[numTrees];
        featureCount = new int[numTrees];
        tableStart = new int[numTrees];
        List<Integer> featureList = new ArrayList<>();
        long entries = 0;
        for (int t = 0; t < numTrees; t++) {
            int root = forest.root(t);
            int splits = forest.numLeaves(t) - 1;
            if (root < 0 || splits > MAX_SPLITS) {
                continue;
            }
            int[] distinct = distinctFeatures(trees, root, splits);
            long treeEntries = (long) distinct.length << splits;
            if (entries + treeEntries > MAX_ENTRIES) {
                continue;
            }
            tabulated[t] = true;
            splitCount[t] = splits;
            featureStart[t] = featureList.size();
            featureCount[t] = distinct.length;
            tableStart[t] = (int) entries;
            for (int f : distinct) {
                featureList.add(f);
            }
            entries += treeEntries;
        }
        features = featureList.stream().mapToInt(Integer::intValue).toArray();
        table = new double[(int) entries];
        interactionStart = new int[numTrees];
        int interactionEntries = 0;
        for (int t = 0; t < numTrees; t++) {
            if (tabulated[t]) {
                interactionStart[t] = interactionEntries;
                int d = featureCount[t];
                interactionEntries += (d * (d - 1) / 2) << splitCount[t];
            }
        }
        interactionTable = new double[interactionEntries];
        outputStart = new int[numTrees];
        int outputs = 0;
        for (int t = 0; t < numTrees; t++) {
            if (tabulated[t]) {
                outputStart[t] = outputs;
                outputs += 1 << splitCount[t];
            }
        }
        output = new double[outputs];
        for (int t = 0; t < numTrees; t++) {
            if (tabulated[t]) {
                fill(trees, t);
                fillOutputs(t);
            }
        }
    }

    /** The output of the leaf each pattern of decisions reaches (bit k: left at the tree's k-th split). */
    private void fillOutputs(int tree) {
        for (int pattern = 0; pattern < 1 << splitCount[tree]; pattern++) {
            output[outputStart[tree] + pattern] = forest.leafValue(forest.leafOfPattern(tree, pattern));
        }
    }

    private static int[] distinctFeatures(ShapTrees trees, int root, int splits) {
        return Arrays.stream(trees.feature, root, root + splits).distinct().toArray();
    }

    /** Whether {@code tree} is tabulated (so {@link TreeShap} explains it by one look-up). */
    boolean covers(int tree) {
        return tabulated[tree];
    }

    /** How many trees are tabulated: for tests. */
    int treeCount() {
        int count = 0;
        for (boolean covered : tabulated) {
            count += covered ? 1 : 0;
        }
        return count;
    }

    /**
     * Adds the SHAP values of a tabulated {@code tree} for the row prepared in {@code decisions} to {@code phi}.
     *
     * @return the tree's output for the row: the value of the leaf it reaches
     */
    double add(int tree, RowDecisions decisions, double[] phi) {
        decisions.decideTree(tree);
        int pattern = pattern(tree, decisions);
        int d = featureCount[tree];
        int at = tableStart[tree] + pattern * d;
        int first = featureStart[tree];
        for (int e = 0; e < d; e++) {
            phi[features[first + e]] += table[at + e];
        }
        return output[outputStart[tree] + pattern];
    }

    /** The row's decisions at the tree's splits (decided already): bit k set if it goes left at the k-th. */
    private int pattern(int tree, RowDecisions decisions) {
        int root = forest.root(tree);
        int splits = splitCount[tree];
        int pattern = 0;
        for (int k = 0; k < splits; k++) {
            pattern |= decisions.left(root + k) << k;
        }
        return pattern;
    }

    /**
     * Adds the interaction values of a tabulated {@code tree} for the row whose decisions at the tree {@code decisions}
     * holds ({@link #add} made them for the row's contributions) to {@code pairs} ({@code n x n}, flat), each value to
     * both {@code (a, b)} and {@code (b, a)}.
     */
    void addInteractions(int tree, RowDecisions decisions, double[] pairs, int n) {
        int d = featureCount[tree];
        if (d < 2) {
            return;
        }
        int count = d * (d - 1) / 2;
        int at = interactionStart[tree] + pattern(tree, decisions) * count;
        int first = featureStart[tree];
        int k = 0;
        for (int a = 0; a < d; a++) {
            int fa = features[first + a];
            for (int b = a + 1; b < d; b++) {
                int fb = features[first + b];
                double value = interactionTable[at + k++];
                pairs[fa * n + fb] += value;
                pairs[fb * n + fa] += value;
            }
        }
    }

    /**
     * Adds the SHAP values of the tabulated trees {@code trees} (in that order) for the block's rows to
     * {@code out[first + r]}, which must hold zeros for the features (as after {@link TreeShap}'s begin): each row
     * receives the same additions in the same order as from {@link #add}, starting from the same 0, so the same
     * bits. Decisions are taken split by split for all rows of the block, the tables looked up tree by tree.
     *
     * <p>With {@code raw} (else {@code null}), {@code raw[first + r]} becomes the sum, from 0 and in the order of
     * {@code trees}, of the outputs of the leaves the row reaches: {@code trees} may then hold one-leaf trees too,
     * which add their leaf's output and nothing else, so that trees {@code 0 .. n-1} give the bits of
     * {@code Forest.predictRaw}.
     */
    void addBlock(int[] trees, double[][] rows, double[][] out, double[] raw, int first, int count, Block block) {
        int numFeatures = forest.numFeatures();
        double[] cleaned = block.cleaned;
        int[] category = block.category;
        double[] sums = block.sums;
        int[] pattern = block.pattern;
        for (int f = 0; f < numFeatures; f++) {
            int o = f * Block.ROWS;
            for (int r = 0; r < count; r++) {
                double v = rows[first + r][f];
                cleaned[o + r] = Math.abs(v) > Forest.ZERO_THRESHOLD ? v : 0.0;
                int c = (int) v;
                category[o + r] = v == v && c >= 0 && c < 64 ? c : 64;
            }
            Arrays.fill(sums, o, o + count, 0.0);
        }
        if (raw != null) {
            Arrays.fill(raw, first, first + count, 0.0);
        }
        for (int tree : trees) {
            int root = forest.root(tree);
            if (root < 0) {
                // A one-leaf tree: no SHAP values, its output for every row.
                if (raw != null) {
                    double value = forest.leafValue(~root);
                    for (int r = 0; r < count; r++) {
                        raw[first + r] += value;
                    }
                }
                continue;
            }
            int splits = splitCount[tree];
            Arrays.fill(pattern, 0, count, 0);
            for (int k = 0; k < splits; k++) {
                int node = root + k;
                int o = splitFeature[node] * Block.ROWS;
                if (plainNumeric[node]) {
                    double limit = threshold[node];
                    for (int r = 0; r < count; r++) {
                        pattern[r] |= (cleaned[o + r] <= limit ? 1 : 0) << k;
                    }
                } else if (categorical[node] && categoryMask[node] != -1) {
                    long mask = categoryMask[node];
                    for (int r = 0; r < count; r++) {
                        // Category 64 stands for NaN, negative and wide values: right, whatever the mask.
                        int c = category[o + r];
                        pattern[r] |= ((int) (mask >>> c) & 1 & (c >> 6 ^ 1)) << k;
                    }
                } else {
                    for (int r = 0; r < count; r++) {
                        pattern[r] |= (goesLeft(node, rows[first + r][splitFeature[node]]) ? 1 : 0) << k;
                    }
                }
            }
            int d = featureCount[tree];
            int at = tableStart[tree];
            int firstFeature = featureStart[tree];
            for (int e = 0; e < d; e++) {
                int o = features[firstFeature + e] * Block.ROWS;
                for (int r = 0; r < count; r++) {
                    sums[o + r] += table[at + pattern[r] * d + e];
                }
            }
            if (raw != null) {
                int outputs = outputStart[tree];
                for (int r = 0; r < count; r++) {
                    raw[first + r] += output[outputs + pattern[r]];
                }
            }
        }
        for (int r = 0; r < count; r++) {
            double[] phi = out[first + r];
            for (int f = 0; f < numFeatures; f++) {
                phi[f] += sums[f * Block.ROWS + r];
            }
        }
    }

    /** Scratch space of {@link #addBlock}: per feature and row of a block. Not thread-safe. */
    static final class Block {

        static final int ROWS = QuadratureBlockWalker.BLOCK;

        // Per feature, per row: the value cleaned for plain numerical splits, the category (64: goes right).
        final double[] cleaned;
        final int[] category;
        // Per feature, per row: the sum of the tables' values so far.
        final double[] sums;
        final int[] pattern = new int[ROWS];

        Block(int numFeatures) {
            cleaned = new double[numFeatures * ROWS];
            category = new int[numFeatures * ROWS];
            sums = new double[numFeatures * ROWS];
        }
    }

    /** Whether a row with {@code value} for split {@code node}'s feature goes left: {@link Forest#child}'s decision. */
    boolean goesLeft(int node, double value) {
        if (categorical[node]) {
            long mask = categoryMask[node];
            if (mask == -1) {
                return forest.child(node, value) == forest.leftChild(node);
            }
            // (int) NaN is 0 in Java: NaN is tested first. Values within kZeroThreshold of 0 truncate to 0 anyway.
            int category = (int) value;
            return !Double.isNaN(value) && category >= 0 && category < 64 && (mask >>> category & 1) != 0;
        }
        if (Math.abs(value) > Forest.ZERO_THRESHOLD) {
            return value <= threshold[node];
        }
        return Double.isNaN(value) ? nanLeft[node] : zeroLeft[node];
    }

    private void fill(ShapTrees trees, int tree) {
        int root = forest.root(tree);
        int d = featureCount[tree];
        int first = featureStart[tree];
        int[] distinct = Arrays.copyOfRange(features, first, first + d);
        int count = d * (d - 1) / 2;
        for (int pattern = 0; pattern < 1 << splitCount[tree]; pattern++) {
            double[] values = new double[d];
            double[] interactions = new double[d * d];
            // Per distinct feature: its zero fraction on the path so far, and whether every branch was hot.
            double[] zero = new double[d];
            boolean[] hot = new boolean[d];
            boolean[] tested = new boolean[d];
            walk(trees, root, root, pattern, distinct, zero, hot, tested, values, interactions);
            System.arraycopy(values, 0, table, tableStart[tree] + pattern * d, d);
            int k = interactionStart[tree] + pattern * count;
            for (int a = 0; a < d; a++) {
                for (int b = a + 1; b < d; b++) {
                    interactionTable[k++] = interactions[a * d + b];
                }
            }
        }
    }

    private void walk(
            ShapTrees trees,
            int root,
            int node,
            int pattern,
            int[] distinct,
            double[] zero,
            boolean[] hot,
            boolean[] tested,
            double[] values,
            double[] interactions) {
        if (node < 0) {
            leaf(trees.leafValue[~node], zero, hot, tested, values);
            leafInteractions(trees.leafValue[~node], zero, hot, tested, interactions);
            return;
        }
        int e = indexOf(distinct, trees.feature[node]);
        boolean goesLeft = (pattern >>> (node - root) & 1) != 0;
        double savedZero = zero[e];
        boolean savedHot = hot[e];
        boolean savedTested = tested[e];
        double before = savedTested ? savedZero : 1.0;
        boolean hotBefore = !savedTested || savedHot;
        tested[e] = true;
        zero[e] = before * trees.leftShare[node];
        hot[e] = hotBefore && goesLeft;
        walk(trees, root, trees.left[node], pattern, distinct, zero, hot, tested, values, interactions);
        zero[e] = before * trees.rightShare[node];
        hot[e] = hotBefore && !goesLeft;
        walk(trees, root, trees.right[node], pattern, distinct, zero, hot, tested, values, interactions);
        zero[e] = savedZero;
        hot[e] = savedHot;
        tested[e] = savedTested;
    }

    /** The Shapley weights |S|! (players - 1 - |S|)! / players! for |S| < players (one slot at least). */
    private static double[] shapleyWeights(int players) {
        double[] weight = new double[Math.max(players, 1)];
        for (int s = 0; s < players; s++) {
            double w = 1.0 / players;
            for (int k = 1; k <= s; k++) {
                w *= k / (double) (players - k);
            }
            weight[s] = w;
        }
        return weight;
    }

    /** Adds the Shapley values of one leaf's product game to {@code values}. */
    private static void leaf(double value, double[] zero, boolean[] hot, boolean[] tested, double[] values) {
        int n = zero.length;
        int[] path = new int[n];
        int d = 0;
        for (int e = 0; e < n; e++) {
            if (tested[e]) {
                path[d++] = e;
            }
        }
        double[] weight = shapleyWeights(d);
        for (int a = 0; a < d; a++) {
            int i = path[a];
            double one = hot[i] ? 1.0 : 0.0;
            values[i] += value * (one - zero[i]) * subsetSum(path, d, a, -1, zero, hot, weight);
        }
    }

    /**
     * The sum over the subsets S of the path features other than the excluded positions ({@code excludedB} -1 for
     * none) of {@code weight[|S|] · Π_S one · Π_rest z}: a subset with a cold feature has product 0.
     */
    private static double subsetSum(
            int[] path, int d, int excludedA, int excludedB, double[] zero, boolean[] hot, double[] weight) {
        double sum = 0.0;
        int others = excludedB < 0 ? d - 1 : d - 2;
        for (int subset = 0; subset < 1 << others; subset++) {
            double product = 1.0;
            int size = 0;
            for (int c = 0, k = 0; c < d; c++) {
                if (c == excludedA || c == excludedB) {
                    continue;
                }
                int f = path[c];
                if ((subset >>> k & 1) != 0) {
                    product *= hot[f] ? 1.0 : 0.0;
                    size++;
                } else {
                    product *= zero[f];
                }
                k++;
            }
            sum += weight[size] * product;
        }
        return sum;
    }

    /**
     * Adds one leaf's interaction values to {@code interactions} ({@code (a, b)}, {@code a < b}): half the difference
     * of {@code a}'s Shapley values with {@code b} held present and absent, {@code v (p_a - z_a)(p_b - z_b) / 2} times
     * the sum over the subsets {@code S} of the other path features of {@code |S|! (d-2-|S|)! / (d-1)!}
     * {@code * prod over S of p * prod over the rest of z}.
     */
    private static void leafInteractions(
            double value, double[] zero, boolean[] hot, boolean[] tested, double[] interactions) {
        int n = zero.length;
        int[] path = new int[n];
        int d = 0;
        for (int e = 0; e < n; e++) {
            if (tested[e]) {
                path[d++] = e;
            }
        }
        if (d < 2) {
            return;
        }
        // A game of the d - 1 players other than the pair.
        double[] weight = shapleyWeights(d - 1);
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                int i = path[a];
                int j = path[b];
                double sum = subsetSum(path, d, a, b, zero, hot, weight);
                double oneI = hot[i] ? 1.0 : 0.0;
                double oneJ = hot[j] ? 1.0 : 0.0;
                interactions[i * n + j] += 0.5 * value * (oneI - zero[i]) * (oneJ - zero[j]) * sum;
            }
        }
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        throw new IllegalStateException("feature " + value + " is not among the tree's features");
    }
}
