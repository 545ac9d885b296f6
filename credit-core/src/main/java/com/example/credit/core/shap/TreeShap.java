package com.example.credit.core.shap;

import com.example.credit.core.model.FeatureVectorException;
import com.example.credit.core.model.Forest;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.model.ModelFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Exact path-dependent TreeSHAP for a {@link LightGbmModel}: per-feature contributions equal to LightGBM's
 * {@code C_API_PREDICT_CONTRIB} (on the raw-score, log-odds scale, bias last) and SHAP interaction values.
 *
 * <p>Contributions are additive: {@code expectedValue() + sum(phi) == model.predictRaw(row)} up to rounding.
 * Interaction values follow Lundberg et al. 2018: the off-diagonal entry {@code (i, j)} is half the change in
 * feature {@code i}'s SHAP value when feature {@code j} is held present rather than absent; the diagonal is
 * {@code phi_i} minus the rest of its row, so every row sums to that feature's SHAP value.
 *
 * <p>Contributions come from two exact algorithms chosen per tree: trees whose paths test at most ten distinct
 * features, while their tables fit in 4 MiB, by {@link LeafTables}; the others by {@link QuadratureShap}, linear
 * in the size of the tree. Interaction values take the path walk of {@link PathWalker}.
 *
 * <p>One instance serves all threads. Scratch space comes from a {@link Workspace}; the methods without one use
 * a per-thread workspace, so the hot path allocates nothing per row.
 */
public final class TreeShap {

    // Next to the quadrature, tables pay only while they stay in cache: 4 MiB per model (measured on the bench
    // models: larger tables made the 500 x 63 model slower than quadrature alone, see docs/performance.md).
    private static final int HYBRID_TABLE_ENTRIES = 1 << 19;

    // Blocks of fewer rows are explained row by row.
    private static final int MIN_BLOCK = 4;

    private final LightGbmModel model;
    private final Forest forest;
    private final ShapTrees trees;
    private final Engine engine;
    private final LeafTables tables;
    private final QuadratureShap quadrature;
    private final double[] treeExpectedValues;
    private final double expectedValue;
    // For interaction values only the trees that split on a feature can change when it is conditioned on.
    private final int[][] treesByFeature;
    private final int[] usedFeatures;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(this::newWorkspace);

    /**
     * How contributions are computed. All are exact (equal to LightGBM's within rounding); they differ in speed
     * and in the last bits. Whatever the engine, the batch method gives a row the bits the one-row method gives
     * it. Interaction values always take the path walk.
     */
    public enum Engine {
        /**
         * The default: trees whose paths test at most ten distinct features by leaf tables (while the tables fit
         * in 4 MiB), the others by quadrature. Fastest for one row at a time.
         */
        HYBRID,
        /** Every tree by Gauss–Legendre quadrature: fastest for batches (no tables, every tree walked per block). */
        QUADRATURE,
        /** Leaf tables where they fit in 16 MiB, the path walk for the other trees (the engine before quadrature). */
        LEAF_TABLES,
        /** Every tree by the path walk, LightGBM's algorithm rearranged (the reference engine of the tests). */
        PATH_WALK
    }

    private TreeShap(LightGbmModel model, Engine engine) {
        this.model = model;
        this.forest = model.forest();
        requirePositiveCovers(forest);
        this.trees = new ShapTrees(forest);
        this.engine = engine;
        this.tables = switch (engine) {
            case HYBRID -> new LeafTables(trees, LeafTables.MAX_PATH_FEATURES, HYBRID_TABLE_ENTRIES);
            case LEAF_TABLES -> new LeafTables(trees, LeafTables.MAX_PATH_FEATURES, LeafTables.MAX_ENTRIES);
            default -> null;
        };
        this.quadrature = engine == Engine.HYBRID || engine == Engine.QUADRATURE ? new QuadratureShap(trees) : null;
        this.treeExpectedValues = new double[forest.numTrees()];
        double sum = 0.0;
        for (int t = 0; t < forest.numTrees(); t++) {
            treeExpectedValues[t] = treeExpectedValue(forest, t);
            sum += treeExpectedValues[t];
        }
        this.expectedValue = sum;
        this.treesByFeature = treesByFeature(forest);
        List<Integer> used = new ArrayList<>();
        for (int f = 0; f < treesByFeature.length; f++) {
            if (treesByFeature[f].length > 0) {
                used.add(f);
            }
        }
        this.usedFeatures = used.stream().mapToInt(Integer::intValue).toArray();
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

    /** How many trees the leaf tables explain (the others take quadrature or the path walk): for tests. */
    int treesInLeafTables() {
        int count = 0;
        for (int t = 0; tables != null && t < forest.numTrees(); t++) {
            count += tables.covers(t) ? 1 : 0;
        }
        return count;
    }

    /** The model this instance explains. */
    public LightGbmModel model() {
        return model;
    }

    /** The number of features, so contribution vectors have {@code numFeatures() + 1} entries. */
    public int numFeatures() {
        return forest.numFeatures();
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
        PathWalker walker = workspace.walkerFor(this);
        Arrays.fill(out, 0.0);
        // Tree by tree like GBDT::PredictContrib: bias first, then the tree's feature attributions.
        if (quadrature != null) {
            QuadratureShap.Walker linear = workspace.quadratureWalker();
            linear.begin();
            for (int t = 0; t < forest.numTrees(); t++) {
                out[out.length - 1] += treeExpectedValues[t];
                if (tables != null && tables.covers(t)) {
                    tables.add(t, row, out);
                } else {
                    linear.add(t, row);
                }
            }
            linear.finish(out);
            return;
        }
        for (int t = 0; t < forest.numTrees(); t++) {
            out[out.length - 1] += treeExpectedValues[t];
            if (tables != null && tables.covers(t)) {
                tables.add(t, row, out);
            } else {
                walker.walk(t, row, out);
            }
        }
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
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(out, "out");
        FeatureVectorException.requireLength("contribution outputs", out.length, rows.length);
        for (int r = 0; r < rows.length; r++) {
            model.requireRow(rows[r]);
            Objects.requireNonNull(out[r], "out[" + r + "]");
            FeatureVectorException.requireLength("contribution output", out[r].length, numFeatures() + 1);
        }
        workspace.walkerFor(this);
        if (quadrature == null) {
            for (int r = 0; r < rows.length; r++) {
                contributions(rows[r], out[r], workspace);
            }
            return;
        }
        QuadratureBlockWalker block = workspace.blockWalker();
        for (int first = 0; first < rows.length; first += QuadratureBlockWalker.BLOCK) {
            int count = Math.min(QuadratureBlockWalker.BLOCK, rows.length - first);
            if (count < MIN_BLOCK) {
                // A walk for a few rows costs more than walking them one by one (same bits either way).
                for (int r = first; r < first + count; r++) {
                    contributions(rows[r], out[r], workspace);
                }
                continue;
            }
            for (int r = first; r < first + count; r++) {
                Arrays.fill(out[r], 0.0);
            }
            block.begin(rows, first, count);
            int bias = numFeatures();
            for (int t = 0; t < forest.numTrees(); t++) {
                if (tables != null && tables.covers(t)) {
                    for (int r = first; r < first + count; r++) {
                        out[r][bias] += treeExpectedValues[t];
                        tables.add(t, rows[r], out[r]);
                    }
                } else {
                    for (int r = first; r < first + count; r++) {
                        out[r][bias] += treeExpectedValues[t];
                    }
                    block.add(t);
                }
            }
            block.finish(out, first);
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
            Arrays.fill(outRow, 0.0);
        }
        PathWalker walker = workspace.walkerFor(this);
        double[] phi = workspace.phi;
        contributions(row, phi, workspace);
        double[] on = workspace.on;
        double[] off = workspace.off;
        for (int j : usedFeatures) {
            Arrays.fill(on, 0.0);
            Arrays.fill(off, 0.0);
            for (int t : treesByFeature[j]) {
                walker.walkConditioned(t, row, on, PathWalker.ON, j);
                walker.walkConditioned(t, row, off, PathWalker.OFF, j);
            }
            for (int i = 0; i < n; i++) {
                if (i != j) {
                    out[j][i] = (on[i] - off[i]) / 2.0;
                }
            }
        }
        // Both halves of the matrix are estimates of the same exact values; averaging them makes the result
        // symmetric to the last bit. The diagonal then closes every row onto the feature's SHAP value.
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double mean = (out[i][j] + out[j][i]) / 2.0;
                out[i][j] = mean;
                out[j][i] = mean;
            }
        }
        for (int i = 0; i < n; i++) {
            double offDiagonal = 0.0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    offDiagonal += out[i][j];
                }
            }
            out[i][i] = phi[i] - offDiagonal;
        }
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

    private static int[][] treesByFeature(Forest forest) {
        List<List<Integer>> lists = new ArrayList<>();
        for (int f = 0; f < forest.numFeatures(); f++) {
            lists.add(new ArrayList<>());
        }
        for (int t = 0; t < forest.numTrees(); t++) {
            collectFeatures(forest, t, forest.root(t), lists);
        }
        int[][] result = new int[forest.numFeatures()][];
        for (int f = 0; f < result.length; f++) {
            result[f] = lists.get(f).stream().mapToInt(Integer::intValue).toArray();
        }
        return result;
    }

    private static void collectFeatures(Forest forest, int tree, int node, List<List<Integer>> lists) {
        if (node < 0) {
            return;
        }
        List<Integer> trees = lists.get(forest.splitFeature(node));
        if (trees.isEmpty() || trees.get(trees.size() - 1) != tree) {
            trees.add(tree);
        }
        collectFeatures(forest, tree, forest.leftChild(node), lists);
        collectFeatures(forest, tree, forest.rightChild(node), lists);
    }
}
