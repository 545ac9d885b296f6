package com.example.credit.core.shap;

import com.example.credit.core.model.Forest;
import com.example.credit.core.model.ModelFormatException;
import java.util.Arrays;

/**
 * Path-dependent TreeSHAP in time linear in the size of a tree: each leaf's Shapley values are written as an
 * integral of a polynomial and the integral is evaluated exactly by Gauss–Legendre quadrature, which lets whole
 * subtrees be summed before any feature is attributed (the idea of Linear TreeSHAP, Yu et al. 2022, with quadrature
 * in place of its interpolation).
 *
 * <p>A leaf with value {@code v} whose path tests the distinct features {@code F} ({@code d} of them) plays the
 * product game {@code v(S) = v * prod over F∩S of p_f * prod over F\S of z_f}, where {@code z_f} is the product of
 * the cover shares of {@code f}'s splits on the path and {@code p_f} is 1 when the row takes all of them, else 0.
 * Feature {@code i}'s Shapley value in that game is
 * {@code v (p_i - z_i) sum over S ⊆ F\i of |S|! (d-1-|S|)! / d! * prod over S of p * prod over F\S\i of z}, and
 * since {@code |S|! (d-1-|S|)! / d!} is the Beta integral of {@code t^|S| (1-t)^(d-1-|S|)} over {@code [0, 1]},
 * the sum is {@code ∫ prod over F\i of (z_f (1-t) + p_f t) dt}: the integral of a polynomial of degree
 * {@code d - 1}, which Gauss–Legendre with {@code ceil(d/2)} points computes exactly.
 *
 * <p>So with {@code P_l(t) = prod over F of (z_f (1-t) + p_f t)} at the quadrature points, a split on {@code i}
 * attributes to {@code i}, for the leaves below each child {@code c} that do not test {@code i} again,
 * {@code sum over q of w_q (p_c - z_c) S_c(t_q) / (z_c (1-t_q) + p_c t_q)}, where {@code S_c} is the sum of
 * {@code v P_l} over those leaves. One walk of the tree computes {@code P} on the way down (one factor per split,
 * the factor of an earlier split on the same feature divided out) and {@code S} on the way up, at {@code O(q)}
 * operations per node; leaves below a later split on the same feature are subtracted there. Rows that fail an
 * earlier split on {@code i} get nothing from later splits on {@code i}: both sides then attribute
 * {@code -w_q / (1 - t_q)} per unit of {@code S} and cancel, so those splits skip the attribution.
 *
 * <p>The factors {@code 1 / (z (1-t_q) + t_q)} of every branch are tabulated once per model, so a row's walk does
 * no division. The result differs from LightGBM's step-by-step extension and unwinding by rounding only.
 * Immutable and shared by all threads; the per-row state lives in a {@link Walker}.
 */
final class QuadratureShap {

    final Forest forest;
    final ShapTrees trees;
    // Per tree: the number of quadrature points, half the most distinct features on one of its paths, rounded up.
    final int[] points;
    final int maxPoints;
    // By number of points q: the points t, 1 - t, the weights w and -w / (1 - t).
    final double[][] nodes;
    final double[][] complements;
    final double[][] weights;
    final double[][] absentWeights;
    // Per split: z of each branch for its feature over the whole path (the product of the cover shares of this
    // and earlier splits on the feature).
    final double[] leftZ;
    final double[] rightZ;
    // Per split: where the q values of its left branch start in inverse and kappa (the right one follows), and
    // where those of the branch of the nearest earlier split on the same feature start (-1 if none). For a branch
    // with z: inverse = 1 / (z (1 - t_q) + t_q), the inverse factor of a row taking it, and
    // kappa = w_q (1 - z) / (z (1 - t_q) + t_q), what it attributes per unit of S.
    final int[] branchStart;
    final int[] earlierStart;
    final double[] inverse;
    final double[] kappa;

    QuadratureShap(ShapTrees trees) {
        this.trees = trees;
        this.forest = trees.forest;
        int numTrees = forest.numTrees();
        int splits = trees.feature.length;
        points = new int[numTrees];
        int most = 1;
        long tableSize = 0;
        for (int t = 0; t < numTrees; t++) {
            int root = forest.root(t);
            int distinct = root < 0 ? 0 : mostDistinctFeatures(root, new boolean[forest.numFeatures()], 0);
            points[t] = Math.max(1, (distinct + 1) / 2);
            most = Math.max(most, points[t]);
            tableSize += 2L * points[t] * (forest.numLeaves(t) - 1);
        }
        maxPoints = most;
        nodes = new double[most + 1][];
        complements = new double[most + 1][];
        weights = new double[most + 1][];
        absentWeights = new double[most + 1][];
        for (int q = 1; q <= most; q++) {
            double[][] rule = GaussLegendre.onUnitInterval(q);
            nodes[q] = rule[0];
            weights[q] = rule[1];
            complements[q] = new double[q];
            absentWeights[q] = new double[q];
            for (int i = 0; i < q; i++) {
                complements[q][i] = 1.0 - nodes[q][i];
                absentWeights[q][i] = -weights[q][i] / complements[q][i];
            }
        }
        if (tableSize > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException("the model needs " + tableSize + " quadrature table entries, more than the "
                    + (Integer.MAX_VALUE - 8) + " one Java array holds");
        }
        leftZ = new double[splits];
        rightZ = new double[splits];
        branchStart = new int[splits];
        earlierStart = new int[splits];
        inverse = new double[(int) tableSize];
        kappa = new double[(int) tableSize];
        int[] cursor = {0};
        for (int t = 0; t < numTrees; t++) {
            int root = forest.root(t);
            if (root >= 0) {
                double[] z = new double[forest.numFeatures()];
                Arrays.fill(z, 1.0);
                int[] edge = new int[forest.numFeatures()];
                Arrays.fill(edge, -1);
                layout(root, points[t], z, edge, cursor);
            }
        }
    }

    private int mostDistinctFeatures(int node, boolean[] onPath, int distinct) {
        if (node < 0) {
            return distinct;
        }
        int f = trees.feature[node];
        boolean added = !onPath[f];
        onPath[f] = true;
        int below = distinct + (added ? 1 : 0);
        int most = Math.max(
                mostDistinctFeatures(trees.left[node], onPath, below),
                mostDistinctFeatures(trees.right[node], onPath, below));
        if (added) {
            onPath[f] = false;
        }
        return most;
    }

    /**
     * Fills the per-split arrays of a subtree. {@code z[f]} is feature {@code f}'s product of cover shares on the
     * path so far and {@code edge[f]} where the inverse factors of its latest branch start (-1 if not tested yet).
     */
    private void layout(int node, int q, double[] z, int[] edge, int[] cursor) {
        int f = trees.feature[node];
        double earlierZ = z[f];
        int earlierEdge = edge[f];
        leftZ[node] = earlierZ * trees.leftZero[node];
        rightZ[node] = earlierZ * trees.rightZero[node];
        earlierStart[node] = earlierEdge;
        int start = cursor[0];
        branchStart[node] = start;
        cursor[0] += 2 * q;
        for (int i = 0; i < q; i++) {
            for (int side = 0; side < 2; side++) {
                double branchZ = side == 0 ? leftZ[node] : rightZ[node];
                double inverseFactor = 1.0 / (branchZ * complements[q][i] + nodes[q][i]);
                inverse[start + side * q + i] = inverseFactor;
                kappa[start + side * q + i] = weights[q][i] * (1.0 - branchZ) * inverseFactor;
            }
        }
        int[] children = {trees.left[node], trees.right[node]};
        double[] childZ = {leftZ[node], rightZ[node]};
        for (int side = 0; side < 2; side++) {
            if (children[side] >= 0) {
                z[f] = childZ[side];
                edge[f] = start + side * q;
                layout(children[side], q, z, edge, cursor);
            }
        }
        z[f] = earlierZ;
        edge[f] = earlierEdge;
    }

    /** The most quadrature points of any tree: the width of a {@link Walker}'s per-depth buffers. */
    int maxPoints() {
        return maxPoints;
    }

    /** The per-row state of the walk; one per thread. */
    static final class Walker {

        private final Forest forest;
        private final int[] points;
        private final double[][] nodes;
        private final double[][] complements;
        private final double[][] weights;
        private final double[][] absentWeights;
        private final double[] zeros;
        // The factor of a feature no earlier split tested (z = 1, p = 1) is 1 at every point.
        private final double[] ones;
        private final int[] feature;
        private final int[] left;
        private final int[] right;
        private final double[] leftShare;
        private final double[] rightShare;
        private final double[] leftZ;
        private final double[] rightZ;
        private final int[] branchStart;
        private final int[] earlierStart;
        private final double[] inverse;
        private final double[] kappa;
        private final double[] leafValue;
        // Per depth, q values each: P at the node (down) and S of its subtree (up). One array per depth, so that
        // the loops read and write different arrays at the same index and the JIT can vectorise them.
        private final double[][] down;
        private final double[][] up;
        // Whether the row failed an earlier split on the feature, on the current path.
        private final boolean[] failed;
        // Per feature, per point: the attributions of the row so far, summed over the points only at the end of
        // the row (element-wise accumulation vectorises; a sum per branch would be a chain of dependent adds).
        private final double[][] attributions;

        // Per-walk inputs, set by add() so the recursion does not pass them on every call.
        private double[] row;
        private int q;
        private double[] t;
        private double[] u;
        private double[] absentW;

        Walker(QuadratureShap shap) {
            this.forest = shap.forest;
            this.points = shap.points;
            this.nodes = shap.nodes;
            this.complements = shap.complements;
            this.weights = shap.weights;
            this.absentWeights = shap.absentWeights;
            this.zeros = new double[shap.maxPoints];
            this.ones = new double[shap.maxPoints];
            Arrays.fill(ones, 1.0);
            this.feature = shap.trees.feature;
            this.left = shap.trees.left;
            this.right = shap.trees.right;
            this.leftShare = shap.trees.leftZero;
            this.rightShare = shap.trees.rightZero;
            this.leftZ = shap.leftZ;
            this.rightZ = shap.rightZ;
            this.branchStart = shap.branchStart;
            this.earlierStart = shap.earlierStart;
            this.inverse = shap.inverse;
            this.kappa = shap.kappa;
            this.leafValue = shap.trees.leafValue;
            int levels = forest.maxDepth() + 2;
            this.down = new double[levels][shap.maxPoints];
            this.up = new double[levels][shap.maxPoints];
            this.failed = new boolean[forest.numFeatures()];
            this.attributions = new double[forest.numFeatures()][shap.maxPoints];
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
            this.q = points[tree];
            this.t = nodes[q];
            this.u = complements[q];
            this.absentW = absentWeights[q];
            Arrays.fill(down[0], 0, q, 1.0);
            visit(root, 0);
            this.row = null;
        }

        /** Walks the subtree of split {@code node} at {@code depth}: reads its P, leaves its S at that depth. */
        private void visit(int node, int depth) {
            int f = feature[node];
            boolean present = !failed[f];
            boolean goesLeft = forest.child(node, row[f]) == left[node];
            branch(node, true, present, present && goesLeft, depth);
            branch(node, false, present, present && !goesLeft, depth);
            int earlier = earlierStart[node];
            if (present && earlier >= 0) {
                // The leaves below this split were attributed at the earlier split on f as well: take them out.
                double[] s = up[depth];
                double[] attribution = attributions[f];
                for (int i = 0; i < q; i++) {
                    attribution[i] -= kappa[earlier + i] * s[i];
                }
            }
        }

        /**
         * Computes P of one branch of {@code node}, walks it, adds its S into the node's S (the left branch,
         * walked first, sets it) and adds what the branch attributes to the node's feature.
         */
        private void branch(int node, boolean isLeft, boolean present, boolean taken, int depth) {
            double[] parentDown = down[depth];
            double[] childDown = down[depth + 1];
            double[] sum = up[depth];
            int f = feature[node];
            if (present) {
                // The factor z (1 - t) + p t of f replaces that of the earlier split on f (1 when there is none).
                double z = isLeft ? leftZ[node] : rightZ[node];
                double[] oneFraction = taken ? t : zeros;
                int earlier = Math.max(earlierStart[node], 0);
                double[] earlierInverse = earlierStart[node] >= 0 ? inverse : ones;
                for (int i = 0; i < q; i++) {
                    // Same association as QuadratureBlockWalker, so a row gets the same bits alone or in a block.
                    childDown[i] = parentDown[i] * ((z * u[i] + oneFraction[i]) * earlierInverse[earlier + i]);
                }
            } else {
                // Failed earlier: f's factor stays z (1 - t), with z shrinking by this split's cover share.
                double share = isLeft ? leftShare[node] : rightShare[node];
                for (int i = 0; i < q; i++) {
                    childDown[i] = parentDown[i] * share;
                }
            }
            int child = isLeft ? left[node] : right[node];
            double[] subtree;
            double scale;
            if (child < 0) {
                subtree = childDown;
                scale = leafValue[~child];
            } else {
                boolean wasFailed = failed[f];
                failed[f] = !taken;
                visit(child, depth + 1);
                failed[f] = wasFailed;
                subtree = up[depth + 1];
                scale = 1.0;
            }
            // The left branch, walked first, sets the node's S; the right one adds to it.
            if (isLeft) {
                for (int i = 0; i < q; i++) {
                    sum[i] = scale * subtree[i];
                }
            } else {
                for (int i = 0; i < q; i++) {
                    sum[i] += scale * subtree[i];
                }
            }
            if (!present) {
                return;
            }
            double[] coefficients = taken ? kappa : absentW;
            int offset = taken ? branchStart[node] + (isLeft ? 0 : q) : 0;
            double[] attribution = attributions[f];
            for (int i = 0; i < q; i++) {
                attribution[i] += coefficients[offset + i] * (scale * subtree[i]);
            }
        }
    }
}
