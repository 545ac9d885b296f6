package com.example.credit.core.shap;

import com.example.credit.core.model.FeatureVectorException;
import com.example.credit.core.model.Forest;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.model.ModelFormatException;
import com.example.credit.core.model.RowDecisions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Exact path-dependent TreeSHAP for a {@link LightGbmModel}: per-feature contributions equal to LightGBM's
 * {@code C_API_PREDICT_CONTRIB} (on the raw-score, log-odds scale, bias last) and SHAP interaction values.
 *
 * <p>Contributions are additive: {@code expectedValue() + sum(phi) == model.predictRaw(row)} up to rounding.
 * Interaction values are symmetric and every row sums to that feature's SHAP value ({@link InteractionValues}).
 * The expected value follows LightGBM's {@code Tree::ExpectedValue} ({@code src/io/tree.cpp}; MIT licence,
 * Copyright (c) Microsoft Corporation), added to the bias tree by tree as LightGBM's {@code PredictContrib} does.
 *
 * <p>Each tree is given one exact method when the instance is built, by the {@link Engine}: the default takes
 * {@link PatternTables} (one look-up per tree) for trees of at most six splits, {@link LeafTables} for trees whose
 * paths test at most ten distinct features while the tables fit in 1 MiB (the smallest first), and the quadrature
 * of {@link QuadratureShap} (linear in the size of the tree) for the others. Interaction values take one quadrature
 * walk per tree for all pairs ({@link QuadratureInteractionWalker}); with the path-walk engine, the conditioned path
 * walk of {@link PathWalker} ({@link InteractionValues}). See the package overview for how a call flows.
 *
 * <p>One instance serves all threads. Scratch space comes from a {@link Workspace}; the methods without one use
 * a per-thread workspace, so the hot path allocates nothing per row.
 */
public final class TreeShap {

    // Blocks of fewer rows are explained row by row.
    private static final int MIN_BLOCK = 4;

    private final LightGbmModel model;
    private final ShapTrees trees;
    private final PatternTables patterns;
    private final LeafTables tables;
    private final QuadratureShap quadrature;
    private final InteractionValues interactionValues;
    // The method of every tree with a split, chosen once here; each list in tree order. One-leaf trees are in none:
    // they only add to the expected value.
    private final int[] patternTrees;
    private final int[] tableTrees;
    private final int[] quadratureTrees;
    private final int[] pathWalkTrees;
    // Every tree with a split not in the pattern tables, in tree order: the interaction values walk them.
    private final int[] walkedTrees;
    // Per tree: whether the pattern tables explain it (their look-up gives the tree's output for the row too).
    private final boolean[] patternTree;
    // Every tree, in tree order, when each is in the pattern tables or has one leaf (else null): a block's raw scores
    // then come from the pattern tables' look-ups, with no second pass over the trees.
    private final int[] rawByPatterns;
    private final double expectedValue;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(this::newWorkspace);

    /**
     * How contributions are computed. All are exact (equal to LightGBM's within rounding); they differ in speed
     * and in the last bits. Whatever the engine, the batch method gives a row the bits the one-row method gives
     * it. Interaction values take the quadrature, or the conditioned path walk with {@link #PATH_WALK}.
     */
    public enum Engine {
        /**
         * The default: trees of at most six splits by pattern tables, trees whose paths test at most ten distinct
         * features by leaf tables (while the tables fit in 1 MiB, the smallest first), the others by quadrature.
         * Fastest for one row at a time.
         */
        HYBRID,
        /** Every tree by Gauss–Legendre quadrature: fastest for batches (no tables, every tree walked per block). */
        QUADRATURE,
        /** Every tree by the path walk, LightGBM's algorithm rearranged (the reference engine of the tests). */
        PATH_WALK
    }

    private TreeShap(LightGbmModel model, Engine engine) {
        this.model = model;
        Forest forest = model.forest();
        requirePositiveCovers(forest);
        this.trees = new ShapTrees(forest);
        this.patterns = engine == Engine.HYBRID ? new PatternTables(trees, model.trees()) : null;
        this.tables = engine == Engine.HYBRID ? new LeafTables(trees, patterns) : null;
        this.quadrature = engine == Engine.PATH_WALK ? null : new QuadratureShap(trees);
        this.interactionValues = new InteractionValues(forest);
        List<Integer> byPattern = new ArrayList<>();
        List<Integer> byTable = new ArrayList<>();
        List<Integer> byQuadrature = new ArrayList<>();
        List<Integer> byPathWalk = new ArrayList<>();
        List<Integer> withSplits = new ArrayList<>();
        double sum = 0.0;
        for (int t = 0; t < forest.numTrees(); t++) {
            // In tree order, as LightGBM adds each tree's expected value to the bias: the same bits.
            sum += treeExpectedValue(forest, t);
            if (forest.root(t) < 0) {
                continue;
            }
            if (patterns != null && patterns.covers(t)) {
                byPattern.add(t);
                continue;
            }
            withSplits.add(t);
            if (tables != null && tables.covers(t)) {
                byTable.add(t);
            } else if (quadrature != null) {
                byQuadrature.add(t);
            } else {
                byPathWalk.add(t);
            }
        }
        this.expectedValue = sum;
        this.patternTrees = toArray(byPattern);
        this.patternTree = new boolean[forest.numTrees()];
        for (int t : patternTrees) {
            patternTree[t] = true;
        }
        this.tableTrees = toArray(byTable);
        this.quadratureTrees = toArray(byQuadrature);
        this.pathWalkTrees = toArray(byPathWalk);
        this.walkedTrees = toArray(withSplits);
        this.rawByPatterns = withSplits.isEmpty() && patterns != null
                ? IntStream.range(0, forest.numTrees()).toArray()
                : null;
    }

    /**
     * Prepares TreeSHAP for a model.
     *
     * @throws ModelFormatException if a tree lacks the training row counts TreeSHAP weighs branches with
     */
    public static TreeShap of(LightGbmModel model) {
        return new TreeShap(Objects.requireNonNull(model, "model"), Engine.HYBRID);
    }

    /**
     * Prepares TreeSHAP for a model with the given engine (benchmarks compare them; {@link #of(LightGbmModel)} takes
     * the default).
     *
     * @throws ModelFormatException if a tree lacks the training row counts TreeSHAP weighs branches with
     */
    public static TreeShap of(LightGbmModel model, Engine engine) {
        return new TreeShap(Objects.requireNonNull(model, "model"), Objects.requireNonNull(engine, "engine"));
    }

    /** How many trees the pattern tables explain (one look-up per tree): for tests. */
    int treesInPatternTables() {
        return patternTrees.length;
    }

    /** Whether blocks of rows take their raw scores from the pattern tables' look-ups: for tests. */
    boolean blockRawScoresFromLookUps() {
        return rawByPatterns != null;
    }

    /** How many trees the leaf tables explain (the others take quadrature or the path walk): for tests. */
    int treesInLeafTables() {
        return tableTrees.length;
    }

    /** The model this instance explains. */
    public LightGbmModel model() {
        return model;
    }

    /** The number of features, so contribution vectors have {@code numFeatures() + 1} entries. */
    public int numFeatures() {
        return trees.forest.numFeatures();
    }

    /**
     * The expected raw score over the training data as the trees' covers describe it: the bias term of every
     * explanation, LightGBM's last contribution column.
     */
    public double expectedValue() {
        return expectedValue;
    }

    /** A fresh workspace for the explicit-workspace methods; use one per thread. */
    public Workspace newWorkspace() {
        return new Workspace(this, trees, quadrature);
    }

    /**
     * The contributions of a row, a new array of {@code numFeatures() + 1} values with the bias last.
     *
     * @throws FeatureVectorException if the row does not fit the model
     */
    public double[] contributions(double[] row) {
        double[] out = new double[numFeatures() + 1];
        contributions(row, out);
        return out;
    }

    /**
     * Writes the contributions of a row into {@code out} ({@code numFeatures() + 1} values, bias last).
     *
     * @throws FeatureVectorException if the row or the output does not fit the model
     */
    public void contributions(double[] row, double[] out) {
        contributions(row, out, workspaces.get());
    }

    /**
     * Writes the contributions of a row into {@code out} using the given workspace.
     *
     * @throws FeatureVectorException if the row or the output does not fit the model
     */
    public void contributions(double[] row, double[] out, Workspace workspace) {
        model.requireRow(row);
        Objects.requireNonNull(out, "out");
        FeatureVectorException.requireLength("contribution output", out.length, numFeatures() + 1);
        workspace.requireOwner(this);
        explain(row, out, workspace);
    }

    /** The contributions of a checked row, tree by tree in the order of each method's list. */
    private void explain(double[] row, double[] out, Workspace workspace) {
        begin(out);
        workspace.decisions.prepare(row);
        if (pathWalkTrees.length == 0) {
            // Every tree asks for its decisions: all of them in one run.
            workspace.decisions.decideAll();
        }
        double[] outputs = workspace.treeOutputs;
        for (int t : patternTrees) {
            outputs[t] = patterns.add(t, workspace.decisions, out);
        }
        for (int t : tableTrees) {
            tables.add(t, workspace.decisions, out);
        }
        if (quadratureTrees.length > 0) {
            QuadratureRowWalker walker = workspace.rowWalker;
            walker.begin();
            for (int t : quadratureTrees) {
                walker.add(t);
            }
            walker.finish(out);
        }
        for (int t : pathWalkTrees) {
            workspace.pathWalker.walk(t, row, out);
        }
    }

    /**
     * The raw score of the row {@link #explain} explained last in {@code workspace}: the outputs of the leaves it
     * reaches, added in tree order from 0 as {@code Forest.predictRaw} adds them, so the same bits. A tree in the
     * pattern tables gave its output with its look-up; any other tree is walked to its leaf.
     */
    private double rawScore(double[] row, Workspace workspace) {
        Forest forest = trees.forest;
        double[] outputs = workspace.treeOutputs;
        double sum = 0.0;
        for (int t = 0; t < patternTree.length; t++) {
            sum += patternTree[t] ? outputs[t] : forest.leafValue(~forest.leafOf(t, row));
        }
        return sum;
    }

    private void begin(double[] out) {
        Arrays.fill(out, 0.0);
        out[out.length - 1] = expectedValue;
    }

    /**
     * Writes the contributions of many rows into {@code out} ({@code out[r]} for {@code rows[r]}, each
     * {@code numFeatures() + 1} values, bias last). Each row gets exactly the values {@link #contributions(double[],
     * double[])} gives it alone; rows are explained in blocks that share one walk of each tree, which is faster.
     *
     * @throws FeatureVectorException if a row or an output does not fit the model, or the counts differ
     */
    public void contributions(double[][] rows, double[][] out) {
        contributions(rows, out, workspaces.get());
    }

    /**
     * Writes the contributions of many rows into {@code out} using the given workspace; see
     * {@link #contributions(double[][], double[][])}.
     *
     * @throws FeatureVectorException if a row or an output does not fit the model, or the counts differ
     */
    public void contributions(double[][] rows, double[][] out, Workspace workspace) {
        requireBlock(rows, out, workspace);
        explainRows(rows, out, null, workspace);
    }

    /**
     * The contributions of checked rows, in blocks where a block pays, and with {@code raw} (else {@code null}) their
     * raw scores from the look-ups: only for rows too few for a block, or when {@link #rawByPatterns} has the trees.
     */
    private void explainRows(double[][] rows, double[][] out, double[] raw, Workspace workspace) {
        for (int first = 0; first < rows.length; first += QuadratureBlockWalker.BLOCK) {
            int count = Math.min(QuadratureBlockWalker.BLOCK, rows.length - first);
            if (count < MIN_BLOCK) {
                // A walk for a few rows costs more than walking them one by one (same bits either way).
                for (int r = first; r < first + count; r++) {
                    explain(rows[r], out[r], workspace);
                    if (raw != null) {
                        raw[r] = rawScore(rows[r], workspace);
                    }
                }
            } else {
                explainBlock(rows, out, raw, first, count, workspace);
            }
        }
    }

    /**
     * Writes the contributions of many rows into {@code out}, as {@link #contributions(double[][], double[][])} does,
     * and their raw scores into {@code raw}: {@code raw[r]} has the bits {@link LightGbmModel#predictRaw(double[])}
     * gives {@code rows[r]}. Rows take their raw scores from the leaves their SHAP look-ups reach, which spares a
     * second pass over the trees: a few rows (a one-record request) always, blocks when every tree is in the pattern
     * tables or has one leaf (the default model shape); other blocks take the model's block prediction.
     *
     * @throws FeatureVectorException if a row or an output does not fit the model, or the counts differ
     */
    public void contributions(double[][] rows, double[][] out, double[] raw) {
        contributions(rows, out, raw, workspaces.get());
    }

    /**
     * Writes the contributions and raw scores of many rows using the given workspace; see
     * {@link #contributions(double[][], double[][], double[])}.
     *
     * @throws FeatureVectorException if a row or an output does not fit the model, or the counts differ
     */
    public void contributions(double[][] rows, double[][] out, double[] raw, Workspace workspace) {
        requireBlock(rows, out, workspace);
        Objects.requireNonNull(raw, "raw");
        FeatureVectorException.requireLength("raw score outputs", raw.length, rows.length);
        if (rows.length >= MIN_BLOCK && rawByPatterns == null) {
            explainRows(rows, out, null, workspace);
            model.predictRaw(rows, raw);
            return;
        }
        explainRows(rows, out, raw, workspace);
    }

    /** Checks rows, their outputs and the workspace of a call for many rows. */
    private void requireBlock(double[][] rows, double[][] out, Workspace workspace) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(out, "out");
        FeatureVectorException.requireLength("contribution outputs", out.length, rows.length);
        for (int r = 0; r < rows.length; r++) {
            model.requireRow(rows[r]);
            Objects.requireNonNull(out[r], "out[" + r + "]");
            FeatureVectorException.requireLength("contribution output", out[r].length, numFeatures() + 1);
        }
        workspace.requireOwner(this);
    }

    /**
     * The contributions of a block of checked rows: each method tree by tree over the whole block, so a tree's
     * tables and nodes stay in cache for all its rows, and the quadrature trees in one walk for the block. Every
     * row receives the same additions in the same order as in {@link #explain}, so the same bits. With {@code raw}
     * ({@link #rawByPatterns} has the trees), the rows' raw scores too.
     */
    private void explainBlock(
            double[][] rows, double[][] out, double[] raw, int first, int count, Workspace workspace) {
        int end = first + count;
        for (int r = first; r < end; r++) {
            begin(out[r]);
        }
        if (raw != null) {
            patterns.addBlock(rawByPatterns, rows, out, raw, first, count, workspace.patternBlock);
        } else if (patternTrees.length > 0) {
            patterns.addBlock(patternTrees, rows, out, null, first, count, workspace.patternBlock);
        }
        RowDecisions decisions = workspace.blockDecisions;
        if (tableTrees.length > 0 || quadratureTrees.length > 0) {
            decisions.prepare(rows, first, count);
        }
        if (tableTrees.length > 0) {
            tables.addBlock(tableTrees, decisions, out, first, workspace.tableBlock);
        }
        if (quadratureTrees.length > 0) {
            QuadratureBlockWalker block = workspace.blockWalker;
            block.begin();
            for (int t : quadratureTrees) {
                block.add(t);
            }
            block.finish(out, first);
        }
        for (int t : pathWalkTrees) {
            for (int r = first; r < end; r++) {
                workspace.pathWalker.walk(t, rows[r], out[r]);
            }
        }
    }

    /**
     * The SHAP interaction values of a row, a new {@code numFeatures() x numFeatures()} symmetric matrix whose
     * row {@code i} sums to feature {@code i}'s SHAP value.
     *
     * @throws FeatureVectorException if the row does not fit the model
     */
    public double[][] interactions(double[] row) {
        double[][] out = new double[numFeatures()][numFeatures()];
        interactions(row, out);
        return out;
    }

    /**
     * Writes the SHAP interaction values of a row into {@code out} ({@code numFeatures()} rows of
     * {@code numFeatures()} values).
     *
     * @throws FeatureVectorException if the row or the output does not fit the model
     */
    public void interactions(double[] row, double[][] out) {
        interactions(row, out, workspaces.get());
    }

    /**
     * Writes the SHAP interaction values of a row into {@code out} using the given workspace.
     *
     * @throws FeatureVectorException if the row or the output does not fit the model
     */
    public void interactions(double[] row, double[][] out, Workspace workspace) {
        model.requireRow(row);
        Objects.requireNonNull(out, "out");
        int n = numFeatures();
        FeatureVectorException.requireLength("interaction output", out.length, n);
        for (double[] outRow : out) {
            FeatureVectorException.requireLength("interaction output row", outRow.length, n);
        }
        workspace.requireOwner(this);
        // The contributions decide every tree the interaction walk visits: it reads those decisions.
        explain(row, workspace.phi, workspace);
        QuadratureInteractionWalker walker = workspace.interactionWalker;
        if (walker == null) {
            // PATH_WALK: the conditioned path walk, twice per (feature, tree that tests it).
            interactionValues.write(row, workspace.phi, out, workspace);
            return;
        }
        walker.begin();
        for (int t : patternTrees) {
            walker.add(patterns, t);
        }
        for (int t : walkedTrees) {
            walker.add(t);
        }
        walker.finish(workspace.phi, out);
    }

    private static void requirePositiveCovers(Forest forest) {
        for (int t = 0; t < forest.numTrees(); t++) {
            int root = forest.root(t);
            if (root >= 0) {
                requirePositiveCovers(forest, t, root);
            }
        }
    }

    private static void requirePositiveCovers(Forest forest, int tree, int node) {
        if (forest.count(node) <= 0) {
            throw new ModelFormatException("tree " + tree + " has a node with training count " + forest.count(node)
                    + ", TreeSHAP weighs branches by their counts and needs every count positive"
                    + " (internal_count and leaf_count)");
        }
        if (node >= 0) {
            requirePositiveCovers(forest, tree, forest.leftChild(node));
            requirePositiveCovers(forest, tree, forest.rightChild(node));
        }
    }

    /** LightGBM's {@code Tree::ExpectedValue}: the leaf values weighted by their share of the root's count. */
    private static double treeExpectedValue(Forest forest, int tree) {
        int root = forest.root(tree);
        if (root < 0) {
            return forest.leafValue(~root);
        }
        double total = forest.count(root);
        double sum = 0.0;
        int firstLeaf = forest.firstLeaf(tree);
        int endLeaf = firstLeaf + forest.numLeaves(tree);
        for (int leaf = firstLeaf; leaf < endLeaf; leaf++) {
            sum += (forest.count(~leaf) / total) * forest.leafValue(leaf);
        }
        return sum;
    }

    private static int[] toArray(List<Integer> trees) {
        return trees.stream().mapToInt(Integer::intValue).toArray();
    }
}
