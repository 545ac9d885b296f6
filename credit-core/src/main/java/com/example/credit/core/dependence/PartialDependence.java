package com.example.credit.core.dependence;

import com.example.credit.core.model.Forest;
import com.example.credit.core.model.LightGbmModel;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The exact partial dependence of a model's raw score (log-odds) on each feature over a set of rows: {@code
 * PD_j(v) = (1/n) Σ_rows f(x with x_j = v)}, for any value {@code v}, after one pass over the rows.
 *
 * <p>For a row and a tree, setting {@code x_j} to {@code v} leads to the row's own leaf or to a leaf whose path the
 * row leaves only at splits on {@code j}. {@link #add} walks each tree once per row, following the row's branch and,
 * where the row has not yet left its path or left it at a split on the same feature, the other branch too, so that
 * it visits the row's leaf and, for each feature {@code j}, the leaves reachable by changing {@code x_j} alone; it
 * counts, per leaf, how many rows reach it unchanged and, per feature and leaf, how many reach it by changing that
 * feature. Then {@code PD_j(v) = (1/n) Σ_trees Σ_leaves value · [v's decisions at the path's splits on j lead there]
 * · (own + changed_j)}: {@link #evaluate} walks each tree following {@code v} at splits on {@code j} and both branches
 * elsewhere. Exact (no grid, no sample of rows): the same sum as predicting every row with {@code x_j = v}, up to
 * rounding; decisions are {@link Forest#child}'s, so categorical splits, missing values and zero handling are
 * LightGBM's.
 *
 * <p>Which leaves a row reaches in a tree, unchanged and by changing each feature, depends only on the row's decision
 * at each of the tree's splits. So a tree of at most {@value #PATTERN_SPLITS} splits has, for every pattern of
 * decisions, the counts to raise listed at construction; rows are then taken in blocks ({@link #add(double[][],
 * int)}): each split decided for the whole block without branching on the outcome ({@link Forest#goesLeft}), then
 * one increment per listed count and row. Deeper trees, and trees past a budget of listed counts, are walked row by
 * row. Counts are integers: any order of rows and trees gives the same counts, so the same results.
 *
 * <p>Memory: one count per leaf and per (feature, leaf), and the lists of the small trees; time per row: one
 * decision per split of a small tree, one walk per deeper tree that branches at most once per split on the path.
 * Not thread-safe while rows are added.
 */
public final class PartialDependence {

    /** Trees of at most this many splits get their counts listed per pattern of decisions. */
    static final int PATTERN_SPLITS = 6;

    /** The most rows {@link #add(double[][], int)} decides at once. */
    public static final int BLOCK = 64;

    // At most this many listed counts over all trees (16 MiB of ints); trees past it are walked.
    private static final int LISTED_BUDGET = 4 << 20;

    private final Forest forest;
    private final int numFeatures;
    private final int numLeaves;
    // Rows reaching each leaf: unchanged at counts[leaf], by changing feature f at counts[(f + 1) * numLeaves + leaf].
    private final long[] counts;
    // Per tree: its splits in the order of the pattern bits (bit s set: the row goes left at splits[s]), or null when
    // the tree is walked; and where its patterns' lists start: pattern p's counts to raise are listed[i] for i from
    // listStart[first + p] to listStart[first + p + 1].
    private final int[][] patternSplits;
    private final int[] patternFirst;
    private final int[] listStart;
    private final int[] listed;
    private final int[] stackNode;
    private final int[] stackFeature;
    // A block's values feature by feature (columns[f * BLOCK + r]), its decisions at one split and its patterns.
    private final double[] columns;
    private final boolean[] left = new boolean[BLOCK];
    private final int[] pattern = new int[BLOCK];
    private long rows;

    private PartialDependence(Forest forest) {
        this.forest = forest;
        this.numFeatures = forest.numFeatures();
        this.numLeaves = forest.numLeaves();
        this.counts = new long[(numFeatures + 1) * numLeaves];
        // The branches waiting on the stack belong to splits of the current path: at most the depth.
        int capacity = forest.maxDepth() + 2;
        this.stackNode = new int[capacity];
        this.stackFeature = new int[capacity];
        this.columns = new double[numFeatures * BLOCK];
        int numTrees = forest.numTrees();
        this.patternSplits = new int[numTrees][];
        this.patternFirst = new int[numTrees];
        Ints starts = new Ints();
        Ints slots = new Ints();
        for (int tree = 0; tree < numTrees; tree++) {
            int root = forest.root(tree);
            int splits = forest.numLeaves(tree) - 1;
            // A pattern lists at most one count per leaf.
            long most = (long) (splits + 1) << splits;
            if (root < 0 || splits > PATTERN_SPLITS || slots.size() + most > LISTED_BUDGET) {
                continue;
            }
            int[] order = new int[splits];
            collectSplits(root, order, new int[] {0});
            patternSplits[tree] = order;
            patternFirst[tree] = starts.size();
            for (int p = 0; p < 1 << splits; p++) {
                int decisions = p;
                starts.add(slots.size());
                walk(root, node -> (decisions >>> indexOf(order, node) & 1) != 0, slots::add);
            }
        }
        starts.add(slots.size());
        this.listStart = starts.toArray();
        this.listed = slots.toArray();
    }

    /** A growing list of ints, for the lists made at construction. */
    private static final class Ints {
        private int[] values = new int[256];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    private void collectSplits(int node, int[] order, int[] next) {
        if (node < 0) {
            return;
        }
        order[next[0]++] = node;
        collectSplits(forest.leftChild(node), order, next);
        collectSplits(forest.rightChild(node), order, next);
    }

    private static int indexOf(int[] order, int node) {
        for (int s = 0; s < order.length; s++) {
            if (order[s] == node) {
                return s;
            }
        }
        throw new IllegalStateException("split " + node + " is not in its tree's list");
    }

    /** An empty accumulator for this model's trees. */
    public static PartialDependence of(LightGbmModel model) {
        return new PartialDependence(Objects.requireNonNull(model, "model").forest());
    }

    /** The number of rows added. */
    public long rows() {
        return rows;
    }

    /**
     * Adds a row (the model's input vector).
     *
     * @throws DependenceException when the row does not have one value per feature of the model
     */
    public void add(double[] row) {
        add(new double[][] {row}, 1);
    }

    /**
     * Adds the first {@code count} rows of {@code block}, at most {@link #BLOCK}: the same counts as adding them one
     * by one.
     *
     * @throws DependenceException when a row does not have one value per feature of the model
     * @throws IllegalArgumentException when {@code count} is not 1 to {@link #BLOCK} or the block holds fewer rows
     */
    public void add(double[][] block, int count) {
        if (count < 1 || count > BLOCK || count > block.length) {
            throw new IllegalArgumentException(
                    "a block adds 1 to " + BLOCK + " rows of the " + block.length + " it holds, not " + count);
        }
        for (int r = 0; r < count; r++) {
            if (block[r].length != numFeatures) {
                throw new DependenceException(
                        "a row of " + block[r].length + " values; the model has " + numFeatures + " features");
            }
            for (int f = 0; f < numFeatures; f++) {
                columns[f * BLOCK + r] = block[r][f];
            }
        }
        for (int tree = 0; tree < forest.numTrees(); tree++) {
            int[] splits = patternSplits[tree];
            if (splits == null) {
                for (int r = 0; r < count; r++) {
                    double[] row = block[r];
                    walk(
                            forest.root(tree),
                            node -> forest.child(node, row[forest.splitFeature(node)]) == forest.leftChild(node),
                            slot -> counts[slot]++);
                }
                continue;
            }
            Arrays.fill(pattern, 0, count, 0);
            for (int s = 0; s < splits.length; s++) {
                int node = splits[s];
                forest.goesLeft(node, columns, forest.splitFeature(node) * BLOCK, count, left);
                for (int r = 0; r < count; r++) {
                    pattern[r] |= (left[r] ? 1 : 0) << s;
                }
            }
            int first = patternFirst[tree];
            for (int r = 0; r < count; r++) {
                int list = first + pattern[r];
                for (int i = listStart[list]; i < listStart[list + 1]; i++) {
                    counts[listed[i]]++;
                }
            }
        }
        rows += count;
    }

    /** Which way a row goes at a split. */
    private interface Decisions {
        boolean goesLeft(int node);
    }

    /**
     * Walks a tree from {@code root} as a row with these decisions: its branch and, where the row has not yet left
     * its path or left it at a split on the same feature, the other branch too; gives {@code count} the index in
     * {@code counts} of each leaf reached, unchanged or by changing one feature.
     */
    private void walk(int root, Decisions decisions, IntConsumer count) {
        int top = 0;
        stackNode[top] = root;
        stackFeature[top++] = -1;
        while (top > 0) {
            int node = stackNode[--top];
            int offPathAt = stackFeature[top];
            while (node >= 0) {
                int feature = forest.splitFeature(node);
                boolean goesLeft = decisions.goesLeft(node);
                if (offPathAt < 0 || offPathAt == feature) {
                    // Changing this feature alone (or, off the row's path already, still only it) reaches the
                    // other branch too.
                    stackNode[top] = goesLeft ? forest.rightChild(node) : forest.leftChild(node);
                    stackFeature[top++] = feature;
                }
                node = goesLeft ? forest.leftChild(node) : forest.rightChild(node);
            }
            count.accept((offPathAt + 1) * numLeaves + ~node);
        }
    }

    /**
     * The mean raw score of the rows added with feature {@code feature} set to {@code value}.
     *
     * @throws DependenceException when no row was added or the feature is not the model's
     */
    public double evaluate(int feature, double value) {
        if (feature < 0 || feature >= numFeatures) {
            throw new DependenceException(
                    "feature " + feature + " is not one of the model's " + numFeatures + " features");
        }
        if (rows == 0) {
            throw new DependenceException("no partial dependence without rows: add at least one row first");
        }
        int changedHere = (feature + 1) * numLeaves;
        int[] stack = new int[forest.maxDepth() + 2];
        double sum = 0.0;
        for (int tree = 0; tree < forest.numTrees(); tree++) {
            int top = 0;
            stack[top++] = forest.root(tree);
            double treeSum = 0.0;
            while (top > 0) {
                int node = stack[--top];
                while (node >= 0) {
                    if (forest.splitFeature(node) == feature) {
                        node = forest.child(node, value);
                    } else {
                        stack[top++] = forest.rightChild(node);
                        node = forest.leftChild(node);
                    }
                }
                long count = counts[~node] + counts[changedHere + ~node];
                if (count != 0) {
                    treeSum += forest.leafValue(~node) * count;
                }
            }
            sum += treeSum;
        }
        return sum / rows;
    }
}
