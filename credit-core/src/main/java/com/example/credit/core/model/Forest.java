package com.example.credit.core.model;

import java.util.Arrays;
import java.util.List;

/**
 * The trees of a model flattened into one primitive array per field, built once at load time so that
 * prediction and TreeSHAP walk plain arrays instead of objects.
 *
 * <p>Nodes are numbered across the whole forest. A node reference {@code r >= 0} is the split with global
 * index {@code r}; a negative reference is the leaf with global index {@code ~r} (LightGBM's encoding, made
 * global). Instances are immutable and safe to share between threads.
 *
 * <p>Decisions replicate LightGBM 4.3 ({@code Tree::NumericalDecision}, {@code Tree::CategoricalDecision} in
 * {@code tree.h}) for the dense rows of its C API, which stores a value {@code v} with
 * {@code |v| <= kZeroThreshold} as 0 before any tree sees it. The decision logic follows LightGBM's source
 * ({@code include/LightGBM/tree.h}; LightGBM is MIT-licensed, Copyright (c) Microsoft Corporation).
 */
public final class Forest {

    /**
     * LightGBM's {@code kZeroThreshold}: a float literal 1e-35f widened to double. The trees see a value within it of
     * zero as zero.
     */
    public static final double ZERO_THRESHOLD = 1e-35f;

    // kind[node]: the missing type ordinal for numerical splits, or CATEGORICAL.
    private static final byte CATEGORICAL = 3;
    private static final byte MISSING_ZERO = (byte) MissingType.ZERO.ordinal();
    private static final byte MISSING_NAN = (byte) MissingType.NAN.ordinal();
    private static final byte MISSING_NONE_KIND = (byte) MissingType.NONE.ordinal();
    // The bits of decideFlags: the split is categorical; a categorical split with a left category of 64 or more, or a
    // numerical split whose threshold is not finite (decided one by one by goesLeft); a numerical split's default
    // branch is the left one; its default branch takes a NaN (missing type NaN or zero); it takes a value within
    // kZeroThreshold of zero (missing type zero).
    static final int DECIDE_CATEGORICAL = 1;
    static final int DECIDE_WIDE = 2;
    static final int DECIDE_DEFAULT_LEFT = 4;
    static final int DECIDE_NAN_DEFAULT = 8;
    static final int DECIDE_ZERO_DEFAULT = 16;
    // 2^1074 in two exact factors (2^1074 itself overflows): scales the smallest difference of two doubles to 1.
    private static final double SCALE_HIGH = 0x1p1000;
    private static final double SCALE_LOW = 0x1p74;
    // Trees of at most this many splits are predicted for a block of rows from the pattern of their decisions (one
    // branch-free decision per split and row, then one look-up) instead of a walk per row: 2^8 leaves per tree at most.
    private static final int PATTERN_SPLITS = 8;
    // Rows predicted together by predictRaw(double[][], double[]).
    private static final int BLOCK = 64;

    private final int numFeatures;
    private final int[] roots;
    private final int[] firstLeaves;
    private final int[] depths;
    private final int maxDepth;

    private final int[] splitFeature;
    private final double[] threshold;
    private final byte[] kind;
    private final boolean[] defaultLeft;
    private final int[] leftChild;
    private final int[] rightChild;
    private final int[] splitCount;
    private final int[] categoryStart;
    private final int[] categoryWords;
    private final int[] categoryBits;
    // Per split, for the decisions of one row made all at once (RowDecisions): the DECIDE_* bits, and for a
    // categorical split whose left categories are all below 64 those categories as bits of one long.
    private final int[] decideFlags;
    private final long[] lowCategories;

    private final double[] leafValue;
    private final int[] leafCount;
    // Per tree, where its patterns start in patternLeaf, or -1 for a tree of more than PATTERN_SPLITS splits; a
    // pattern has bit s set when the tree's split s (numbered within the tree) sends the row left.
    private final int[] patternStart;
    private final int[] patternLeaf;
    // Whether some tree of splits is predicted by its patterns, so that a block's values are read for its decisions.
    private final boolean decidesBlocks;

    private Forest(List<Tree> trees, int numFeatures) {
        this.numFeatures = numFeatures;
        int totalSplits = 0;
        int totalLeaves = 0;
        int totalWords = 0;
        for (Tree tree : trees) {
            totalSplits += tree.splits().size();
            totalLeaves += tree.numLeaves();
            for (Split split : tree.splits()) {
                if (split.condition() instanceof SplitCondition.Categorical categorical) {
                    totalWords += wordsFor(categorical);
                }
            }
        }
        roots = new int[trees.size()];
        firstLeaves = new int[trees.size()];
        depths = new int[trees.size()];
        splitFeature = new int[totalSplits];
        threshold = new double[totalSplits];
        kind = new byte[totalSplits];
        defaultLeft = new boolean[totalSplits];
        leftChild = new int[totalSplits];
        rightChild = new int[totalSplits];
        splitCount = new int[totalSplits];
        categoryStart = new int[totalSplits];
        categoryWords = new int[totalSplits];
        categoryBits = new int[totalWords];
        decideFlags = new int[totalSplits];
        lowCategories = new long[totalSplits];
        leafValue = new double[totalLeaves];
        leafCount = new int[totalLeaves];

        int splitOffset = 0;
        int leafOffset = 0;
        int wordOffset = 0;
        int deepest = 0;
        for (int t = 0; t < trees.size(); t++) {
            Tree tree = trees.get(t);
            roots[t] = tree.splits().isEmpty() ? ~leafOffset : splitOffset;
            firstLeaves[t] = leafOffset;
            depths[t] = tree.depth();
            deepest = Math.max(deepest, depths[t]);
            for (int s = 0; s < tree.splits().size(); s++) {
                Split split = tree.splits().get(s);
                int node = splitOffset + s;
                splitFeature[node] = split.feature();
                leftChild[node] = global(split.leftChild(), splitOffset, leafOffset);
                rightChild[node] = global(split.rightChild(), splitOffset, leafOffset);
                splitCount[node] = split.count();
                if (split.condition() instanceof SplitCondition.Numerical numerical) {
                    threshold[node] = numerical.threshold();
                    kind[node] = (byte) numerical.missingType().ordinal();
                    defaultLeft[node] = numerical.defaultLeft();
                    MissingType missing = numerical.missingType();
                    decideFlags[node] = (numerical.defaultLeft() ? DECIDE_DEFAULT_LEFT : 0)
                            | (missing == MissingType.NONE ? 0 : DECIDE_NAN_DEFAULT)
                            | (missing == MissingType.ZERO ? DECIDE_ZERO_DEFAULT : 0)
                            | (Double.isFinite(numerical.threshold()) ? 0 : DECIDE_WIDE);
                } else {
                    SplitCondition.Categorical categorical = (SplitCondition.Categorical) split.condition();
                    kind[node] = CATEGORICAL;
                    categoryStart[node] = wordOffset;
                    categoryWords[node] = wordsFor(categorical);
                    decideFlags[node] = DECIDE_CATEGORICAL;
                    for (int category : categorical.leftCategories()) {
                        categoryBits[wordOffset + (category >>> 5)] |= 1 << (category & 31);
                        if (category < Long.SIZE) {
                            lowCategories[node] |= 1L << category;
                        } else {
                            decideFlags[node] |= DECIDE_WIDE;
                        }
                    }
                    wordOffset += categoryWords[node];
                }
            }
            for (int l = 0; l < tree.numLeaves(); l++) {
                leafValue[leafOffset + l] = tree.leaves().get(l).value();
                leafCount[leafOffset + l] = tree.leaves().get(l).count();
            }
            splitOffset += tree.splits().size();
            leafOffset += tree.numLeaves();
        }
        maxDepth = deepest;
        patternStart = new int[trees.size()];
        int patterns = 0;
        boolean anyDecided = false;
        for (int t = 0; t < trees.size(); t++) {
            int splits = trees.get(t).splits().size();
            patternStart[t] = splits <= PATTERN_SPLITS ? patterns : -1;
            patterns += splits <= PATTERN_SPLITS ? 1 << splits : 0;
            anyDecided |= splits > 0 && splits <= PATTERN_SPLITS;
        }
        decidesBlocks = anyDecided;
        patternLeaf = new int[patterns];
        for (int t = 0; t < trees.size(); t++) {
            if (patternStart[t] >= 0) {
                for (int p = 0; p < 1 << trees.get(t).splits().size(); p++) {
                    int node = roots[t];
                    while (node >= 0) {
                        node = (p >>> (node - roots[t]) & 1) != 0 ? leftChild[node] : rightChild[node];
                    }
                    patternLeaf[patternStart[t] + p] = ~node;
                }
            }
        }
    }

    static Forest of(List<Tree> trees, int numFeatures) {
        return new Forest(trees, numFeatures);
    }

    private static int wordsFor(SplitCondition.Categorical categorical) {
        List<Integer> categories = categorical.leftCategories();
        return categories.isEmpty() ? 0 : (categories.get(categories.size() - 1) >>> 5) + 1;
    }

    private static int global(int child, int splitOffset, int leafOffset) {
        return child >= 0 ? splitOffset + child : ~(leafOffset + ~child);
    }

    /** The number of features a row must have. */
    public int numFeatures() {
        return numFeatures;
    }

    /** The number of trees. */
    public int numTrees() {
        return roots.length;
    }

    /** The reference of the root of {@code tree}: a split, or the only leaf of a one-leaf tree. */
    public int root(int tree) {
        return roots[tree];
    }

    /** The global index of the first leaf of {@code tree}; its leaves follow contiguously in model order. */
    public int firstLeaf(int tree) {
        return firstLeaves[tree];
    }

    /** The number of leaves of {@code tree}. */
    public int numLeaves(int tree) {
        return (tree + 1 < firstLeaves.length ? firstLeaves[tree + 1] : leafValue.length) - firstLeaves[tree];
    }

    /** The number of splits on the longest path of {@code tree}. */
    public int depth(int tree) {
        return depths[tree];
    }

    /** The largest depth over all trees. */
    public int maxDepth() {
        return maxDepth;
    }

    /** The feature that split {@code node} tests. */
    public int splitFeature(int node) {
        return splitFeature[node];
    }

    /** The left child reference of split {@code node}. */
    public int leftChild(int node) {
        return leftChild[node];
    }

    /** The right child reference of split {@code node}. */
    public int rightChild(int node) {
        return rightChild[node];
    }

    /** The training row count of a node reference (split or leaf), LightGBM's {@code data_count}. */
    public int count(int reference) {
        return reference >= 0 ? splitCount[reference] : leafCount[~reference];
    }

    /** The output of the leaf with global index {@code leaf}. */
    public double leafValue(int leaf) {
        return leafValue[leaf];
    }

    /** The number of leaves over all trees. */
    public int numLeaves() {
        return leafValue.length;
    }

    /** The child reference that a row with {@code value} for the split's feature goes to. */
    public int child(int node, double value) {
        // The C API drops values within kZeroThreshold of zero from a dense row, so the trees see them as 0.
        double v = Math.abs(value) <= ZERO_THRESHOLD ? 0.0 : value;
        return goesLeft(node, v) ? leftChild[node] : rightChild[node];
    }

    /**
     * Decides split {@code node} for many rows at once: {@code left[r]} becomes whether a row with value
     * {@code values[from + r]} for the split's feature goes to the left child, for {@code r < count}. Same decisions as
     * {@link #child}, with the kind of split looked at once instead of once per row.
     */
    public void goesLeft(int node, double[] values, int from, int count, boolean[] left) {
        if (kind[node] == MISSING_NONE_KIND) {
            double limit = threshold[node];
            for (int r = 0; r < count; r++) {
                double v = values[from + r];
                // NaN counts as 0 without missing handling, like values within kZeroThreshold of zero.
                if (Double.isNaN(v) || Math.abs(v) <= ZERO_THRESHOLD) {
                    v = 0.0;
                }
                left[r] = v <= limit;
            }
            return;
        }
        for (int r = 0; r < count; r++) {
            double value = values[from + r];
            left[r] = goesLeft(node, Math.abs(value) <= ZERO_THRESHOLD ? 0.0 : value);
        }
    }

    /**
     * Decides the splits {@code from} to {@code to - 1} for the one row prepared in {@code row}: {@code left[node]}
     * becomes 1 if the row goes left there, else 0, as {@link #child} decides.
     */
    void decide(int from, int to, RowDecisions row, byte[] left) {
        for (int node = from; node < to; node++) {
            left[node] = (byte) decide(node, row, splitFeature[node]);
        }
    }

    /**
     * Decides split {@code node} for the {@code count} rows prepared in {@code block} (feature-major, {@code stride}
     * rows per feature): {@code left[r]} becomes 1.0 if row r goes left, else 0.0.
     */
    void decide(int node, RowDecisions block, int stride, int count, double[] left) {
        int from = splitFeature[node] * stride;
        // The expressions of decide(node, prepared, at), with the split's kind looked at once for the block.
        int flags = decideFlags[node];
        if ((flags & DECIDE_WIDE) != 0) {
            for (int r = 0; r < count; r++) {
                left[r] = goesLeft(node, block.values[from + r]) ? 1 : 0;
            }
        } else if ((flags & DECIDE_CATEGORICAL) != 0) {
            int[] category = block.category;
            long low = lowCategories[node];
            for (int r = 0; r < count; r++) {
                int c = category[from + r];
                left[r] = (int) (low >>> c) & ~(c >> 31) & 1;
            }
        } else {
            // The same decisions in doubles, without a branch or a conversion, so that C2 can compile the loop to
            // vector instructions (2.5 times faster than the integer form): the column copied first (a loop whose
            // arrays are indexed alike), below = clamp((limit - v) 2^1074 + 1, 0, 1) is exactly
            // 1 if v <= limit, else 0 (the difference of two finite doubles is 0 only when they are equal, has the
            // comparison's sign, and is at least 2^-1074 in magnitude otherwise; a threshold that is not finite is
            // decided by goesLeft), and the default branch is selected by exact products with 0 and 1.
            double[] column = block.column;
            System.arraycopy(block.compared, from, column, 0, count);
            double limit = threshold[node];
            if ((flags & (DECIDE_NAN_DEFAULT | DECIDE_ZERO_DEFAULT)) == 0) {
                for (int r = 0; r < count; r++) {
                    left[r] = Math.min(1.0, Math.max(0.0, (limit - column[r]) * SCALE_HIGH * SCALE_LOW + 1.0));
                }
                return;
            }
            double[] nan = block.nanColumn;
            double[] zero = block.zeroColumn;
            System.arraycopy(block.nanMissing, from, nan, 0, count);
            System.arraycopy(block.zeroMissing, from, zero, 0, count);
            double nanDefault = flags >>> 3 & 1;
            double zeroDefault = flags >>> 4 & 1;
            double defaultLeft = flags >>> 2 & 1;
            for (int r = 0; r < count; r++) {
                double below = Math.min(1.0, Math.max(0.0, (limit - column[r]) * SCALE_HIGH * SCALE_LOW + 1.0));
                double byDefault = Math.max(nan[r] * nanDefault, zero[r] * zeroDefault);
                left[r] = byDefault * defaultLeft + (1.0 - byDefault) * below;
            }
        }
    }

    /**
     * Decides split {@code node} for the {@code count} rows prepared in {@code block} into bit {@code bit} of each
     * row's pattern, {@code pattern[r] |= 1 << bit} if row r goes left: the decisions of the method above, in the
     * integer form of the one-row decision below (an int per row; not behind helpers shared with them: measured, those
     * cost the SHAP walks 2–4%), for {@link #predictRaw(double[][], double[])}, which finds a tree's leaf by the
     * pattern of its decisions.
     */
    void decide(int node, RowDecisions block, int stride, int count, int[] pattern, int bit) {
        int from = splitFeature[node] * stride;
        int flags = decideFlags[node];
        if ((flags & DECIDE_WIDE) != 0) {
            for (int r = 0; r < count; r++) {
                pattern[r] |= (goesLeft(node, block.values[from + r]) ? 1 : 0) << bit;
            }
        } else if ((flags & DECIDE_CATEGORICAL) != 0) {
            int[] category = block.category;
            long low = lowCategories[node];
            for (int r = 0; r < count; r++) {
                int c = category[from + r];
                pattern[r] |= ((int) (low >>> c) & ~(c >> 31) & 1) << bit;
            }
        } else {
            double[] compared = block.compared;
            int[] missing = block.missing;
            double limit = threshold[node];
            int nanDefault = flags >>> 3 & 1;
            int zeroDefault = flags >>> 4 & 1;
            int defaultLeft = flags >>> 2 & 1;
            for (int r = 0; r < count; r++) {
                int m = missing[from + r];
                int byDefault = ((m & nanDefault) | (m >>> 1 & zeroDefault)) & 1;
                int below = compared[from + r] <= limit ? 1 : 0;
                pattern[r] |= (((byDefault & defaultLeft) | (~byDefault & below)) & 1) << bit;
            }
        }
    }

    /**
     * 1 if the value prepared at {@code at} goes left at split {@code node}, else 0: integer arithmetic on 0/1 values
     * and one comparison of doubles, no branch on the value (but for a categorical split with a left category of 64 or
     * more, decided by {@link #goesLeft(int, double)}).
     */
    private int decide(int node, RowDecisions prepared, int at) {
        int flags = decideFlags[node];
        if ((flags & DECIDE_WIDE) != 0) {
            return goesLeft(node, prepared.values[at]) ? 1 : 0;
        }
        int m = prepared.missing[at];
        // The default branch: a NaN at a split with missing type NaN or zero, zero at one with missing type zero.
        int byDefault = ((m & flags >>> 3) | (m >>> 1 & flags >>> 4)) & 1;
        int below = prepared.compared[at] <= threshold[node] ? 1 : 0;
        int numerical = (byDefault & flags >>> 2) | (~byDefault & below);
        int c = prepared.category[at];
        // c is -1 (go right) for a NaN and for a value whose static_cast<int> is negative or 64 and over.
        int categorical = (int) (lowCategories[node] >>> c) & ~(c >> 31);
        int isCategorical = flags & DECIDE_CATEGORICAL;
        return ((isCategorical & categorical) | (~isCategorical & numerical)) & 1;
    }

    private boolean goesLeft(int node, double value) {
        byte k = kind[node];
        if (k == CATEGORICAL) {
            if (Double.isNaN(value)) {
                return false;
            }
            // Truncation towards zero like static_cast<int>; Java saturates where C++ overflows, and both
            // saturated results land outside the bitset or below zero, so they go right either way.
            int category = (int) value;
            if (category < 0) {
                return false;
            }
            int word = category >>> 5;
            return word < categoryWords[node]
                    && (categoryBits[categoryStart[node] + word] >>> (category & 31) & 1) != 0;
        }
        double v = value;
        if (Double.isNaN(v) && k != MISSING_NAN) {
            v = 0.0;
        }
        if ((k == MISSING_ZERO && isZero(v)) || (k == MISSING_NAN && Double.isNaN(v))) {
            return defaultLeft[node];
        }
        return v <= threshold[node];
    }

    private static boolean isZero(double value) {
        return value >= -ZERO_THRESHOLD && value <= ZERO_THRESHOLD;
    }

    /**
     * The global index of the leaf {@code tree} reaches for a pattern of decisions (bit s set: left at the tree's s-th
     * split, {@code root(tree) + s}), for a tree of at most eight splits.
     *
     * @throws IllegalArgumentException for a tree of more splits
     */
    public int leafOfPattern(int tree, int pattern) {
        int start = patternStart[tree];
        if (start < 0) {
            throw new IllegalArgumentException("tree " + tree + " has " + (numLeaves(tree) - 1)
                    + " splits; leaves by pattern are kept for trees of at most " + PATTERN_SPLITS);
        }
        return patternLeaf[start + pattern];
    }

    /** The leaf reference that {@code row} reaches in {@code tree}. */
    public int leafOf(int tree, double[] row) {
        int node = roots[tree];
        while (node >= 0) {
            node = child(node, row[splitFeature[node]]);
        }
        return node;
    }

    /** The raw score: the sum of the tree outputs in tree order, as {@code GBDT::PredictRaw} adds them. */
    double predictRaw(double[] row) {
        double sum = 0.0;
        for (int t = 0; t < roots.length; t++) {
            sum += leafValue[~leafOf(t, row)];
        }
        return sum;
    }

    /**
     * The raw score of every row, {@code raw[r]} for {@code rows[r]}: the bits {@link #predictRaw(double[])} gives
     * each row (the same leaves added in the same order). Rows go in blocks; a tree of at most eight splits decides
     * each split for the whole block without branching on the outcome and finds each row's leaf by the pattern of
     * its decisions, which spares the mispredicted branches of a walk per row; deeper trees are walked row by row.
     */
    void predictRaw(double[][] rows, double[] raw) {
        // The block's values read once into what the splits compare, feature by feature, so that each split decides
        // its rows in a run with integer arithmetic and one comparison (RowDecisions), no branch on a value.
        // Scratch for the rows there are, not for a whole block: a request of one record would otherwise allocate
        // and clear a block's worth of arrays per feature (about 50 KB on the credit model) to predict one row.
        int capacity = Math.max(1, Math.min(BLOCK, rows.length));
        RowDecisions block = new RowDecisions(this, capacity);
        int[] pattern = new int[capacity];
        for (int from = 0; from < rows.length; from += capacity) {
            int count = Math.min(capacity, rows.length - from);
            if (decidesBlocks) {
                block.prepare(rows, from, count);
            }
            Arrays.fill(raw, from, from + count, 0.0);
            for (int t = 0; t < roots.length; t++) {
                int start = patternStart[t];
                if (start < 0) {
                    for (int r = 0; r < count; r++) {
                        raw[from + r] += leafValue[~leafOf(t, rows[from + r])];
                    }
                    continue;
                }
                Arrays.fill(pattern, 0, count, 0);
                int root = roots[t];
                int splits = root < 0 ? 0 : numLeaves(t) - 1;
                for (int s = 0; s < splits; s++) {
                    decide(root + s, block, capacity, count, pattern, s);
                }
                for (int r = 0; r < count; r++) {
                    raw[from + r] += leafValue[patternLeaf[start + pattern[r]]];
                }
            }
        }
    }
}
