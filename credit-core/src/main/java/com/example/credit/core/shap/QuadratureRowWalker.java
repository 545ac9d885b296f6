package com.example.credit.core.shap;

import com.example.credit.core.model.Forest;
import java.util.Arrays;

/**
 * The walk of {@link QuadratureShap} for one row: {@code P(t)} down each tree, {@code S(t)} back up, and at every
 * split what its branches attribute to the split's feature. Reads the model's tables, owns only the per-row state.
 * Not thread-safe; one per thread (in a {@link Workspace}).
 */
final class QuadratureRowWalker {

    private final ShapTrees trees;
    private final QuadratureShap tables;
    private final Forest forest;
    // Per depth, q values each: P at the node (down) and S of its subtree (up). One array per depth, so that the
    // loops read and write different arrays at the same index and the JIT can vectorise them.
    private final double[][] products;
    private final double[][] sums;
    // Per feature: whether the row is present for it, i.e. took every earlier split on it on the current path.
    private final boolean[] present;
    // Per feature, per point: the attributions of the row so far, summed over the points only at the end of the
    // row (element-wise accumulation vectorises; a sum per branch would be a chain of dependent adds).
    private final double[][] attributions;

    // Per-walk inputs, set by add() so the recursion does not pass them on every call.
    private double[] row;
    private int q;
    private double[] t;
    private double[] u;
    private double[] skippedKappa;

    QuadratureRowWalker(QuadratureShap tables) {
        this.tables = tables;
        this.trees = tables.trees;
        this.forest = trees.forest;
        int levels = forest.maxDepth() + 2;
        this.products = new double[levels][tables.maxPoints];
        this.sums = new double[levels][tables.maxPoints];
        this.present = new boolean[forest.numFeatures()];
        Arrays.fill(present, true);
        this.attributions = new double[forest.numFeatures()][tables.maxPoints];
    }

    /** Starts a row: call before the {@link #add} calls of its trees. */
    void begin() {
        for (double[] perPoint : attributions) {
            Arrays.fill(perPoint, 0.0);
        }
    }

    /** Ends a row: adds what its trees attributed to each feature to {@code phi}. */
    void finish(double[] phi) {
        for (int f = 0; f < attributions.length; f++) {
            double[] perPoint = attributions[f];
            double total = 0.0;
            for (double value : perPoint) {
                total += value;
            }
            phi[f] += total;
        }
    }

    /**
     * Adds the SHAP values of {@code tree} for {@code row} to the row's attributions (to {@code phi} at
     * {@link #finish}); not the tree's expected value.
     */
    void add(int tree, double[] row) {
        int root = forest.root(tree);
        if (root < 0) {
            return;
        }
        this.row = row;
        this.q = tables.pointCount[tree];
        this.t = tables.points[q];
        this.u = tables.complements[q];
        this.skippedKappa = tables.skippedKappa[q];
        Arrays.fill(products[0], 0, q, 1.0);
        visit(root, 0);
        this.row = null;
    }

    /** Walks the subtree of split {@code node} at {@code depth}: reads its P, leaves its S at that depth. */
    private void visit(int node, int depth) {
        ShapTrees trees = this.trees;
        QuadratureShap tables = this.tables;
        int f = trees.feature[node];
        boolean isPresent = present[f];
        boolean hotLeft = forest.child(node, row[f]) == trees.left[node];
        int earlier = tables.earlierStart[node];
        branch(node, true, isPresent, isPresent && hotLeft, depth);
        branch(node, false, isPresent, isPresent && !hotLeft, depth);
        if (isPresent && earlier >= 0) {
            // The leaves below this split were attributed at the earlier split on f as well: take them out.
            double[] nodeS = sums[depth];
            double[] kappa = tables.kappa;
            double[] attribution = attributions[f];
            for (int i = 0; i < q; i++) {
                attribution[i] -= kappa[earlier + i] * nodeS[i];
            }
        }
    }

    /**
     * Computes P of one branch of {@code node}, walks it, adds its S into the node's S (the left branch, walked
     * first, sets it) and adds what the branch attributes to the node's feature. {@code taken}: the row is present
     * and takes this branch (its one fraction is 1).
     */
    private void branch(int node, boolean isLeft, boolean isPresent, boolean taken, int depth) {
        // The shared tables in locals: one read per call, kept across the recursion below.
        ShapTrees trees = this.trees;
        QuadratureShap tables = this.tables;
        double[] parentP = products[depth];
        double[] childP = products[depth + 1];
        double[] nodeS = sums[depth];
        int f = trees.feature[node];
        if (isPresent) {
            // The factor z (1 - t) + p t of f replaces that of the earlier split on f (1 when there is none).
            double z = isLeft ? tables.leftZero[node] : tables.rightZero[node];
            double[] oneFraction = taken ? t : tables.zeros;
            int earlier = Math.max(tables.earlierStart[node], 0);
            double[] earlierInverse = tables.earlierStart[node] >= 0 ? tables.inverse : tables.ones;
            for (int i = 0; i < q; i++) {
                // Same association as QuadratureBlockWalker, so a row gets the same bits alone or in a block.
                childP[i] = parentP[i] * ((z * u[i] + oneFraction[i]) * earlierInverse[earlier + i]);
            }
        } else {
            // Absent: f's factor stays z (1 - t), with z shrinking by this split's cover share.
            double share = isLeft ? trees.leftShare[node] : trees.rightShare[node];
            for (int i = 0; i < q; i++) {
                childP[i] = parentP[i] * share;
            }
        }
        // What the branch attributes per unit of S, read before the walk below so it need not be read again after.
        double[] coefficients = taken ? tables.kappa : skippedKappa;
        int offset = taken ? tables.branchStart[node] + (isLeft ? 0 : q) : 0;
        int child = isLeft ? trees.left[node] : trees.right[node];
        double[] childS;
        double scale;
        if (child < 0) {
            childS = childP;
            scale = trees.leafValue[~child];
        } else {
            present[f] = taken;
            visit(child, depth + 1);
            present[f] = isPresent;
            childS = sums[depth + 1];
            scale = 1.0;
        }
        // The left branch, walked first, sets the node's S; the right one adds to it.
        if (isLeft) {
            for (int i = 0; i < q; i++) {
                nodeS[i] = scale * childS[i];
            }
        } else {
            for (int i = 0; i < q; i++) {
                nodeS[i] += scale * childS[i];
            }
        }
        if (!isPresent) {
            return;
        }
        double[] attribution = attributions[f];
        for (int i = 0; i < q; i++) {
            attribution[i] += coefficients[offset + i] * (scale * childS[i]);
        }
    }
}
