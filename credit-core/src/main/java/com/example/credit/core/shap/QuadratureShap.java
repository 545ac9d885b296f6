package com.example.credit.core.shap;

import com.example.credit.core.model.Forest;
import com.example.credit.core.model.ModelFormatException;
import java.util.Arrays;

/**
 * Path-dependent TreeSHAP in time linear in the size of a tree, by Gauss–Legendre quadrature: the per-model tables,
 * shared by the one-row walk ({@link QuadratureRowWalker}) and the block walk ({@link QuadratureBlockWalker}). The
 * idea is that of Linear TreeSHAP (Yu, Xu, Bifet, Read, "Linear TreeShap", NeurIPS 2022, arXiv:2209.08192): write a
 * leaf's Shapley values as an integral of a polynomial so that whole subtrees can be summed before any feature is
 * attributed; here the integral is evaluated exactly by quadrature in place of the paper's interpolation.
 *
 * <p>A leaf with value {@code v} whose path tests the distinct features {@code F} ({@code d} of them) plays the
 * product game {@code v(S) = v * prod over F∩S of p_f * prod over F\S of z_f}, with {@code z_f} the zero fraction
 * and {@code p_f} the one fraction of {@code f} on the path (see the package overview). Feature {@code i}'s Shapley
 * value in that game is
 * {@code v (p_i - z_i) sum over S ⊆ F\i of |S|! (d-1-|S|)! / d! * prod over S of p * prod over F\S\i of z}, and
 * since {@code |S|! (d-1-|S|)! / d!} is the Beta integral of {@code t^|S| (1-t)^(d-1-|S|)} over {@code [0, 1]},
 * the sum is {@code ∫ prod over F\i of (z_f (1-t) + p_f t) dt}: the integral of a polynomial of degree
 * {@code d - 1}, which Gauss–Legendre with {@code ceil(d/2)} points computes exactly.
 *
 * <p>So with {@code P(t) = prod over F of (z_f (1-t) + p_f t)} at the quadrature points, a split on {@code i}
 * attributes to {@code i}, for the leaves below each child {@code c} that do not test {@code i} again,
 * {@code sum over q of w_q (p_c - z_c) S_c(t_q) / (z_c (1-t_q) + p_c t_q)}, where {@code S_c} is the sum of
 * {@code v P} over those leaves. The walks keep {@code S} apart as {@code P R}: {@code P} at the split, computed on
 * the way down (one factor per split, the factor of an earlier split on the same feature divided out), and
 * {@code R_c}, the sum over the leaves below {@code c} of {@code v} times the factors of the splits between them,
 * computed on the way up. The branch's own factor then cancels against the denominator and the split attributes
 * {@code sum over q of (p_c - z_c) w_q e_q P(t_q) R_c(t_q)}, {@code e_q} the inverse factor of the earlier split on
 * {@code i} (1 when there is none): no table per branch is read, and a leaf child costs two operations per point
 * ({@code R_c = v}). One walk of the tree does it at {@code O(q)} operations per node; leaves below a later split
 * on the same feature are subtracted there. Rows absent for {@code i} (that failed an earlier split on it) get
 * nothing from later splits on {@code i}: both sides then attribute {@code -w_q / (1 - t_q)} per unit of
 * {@code S} and cancel, so those splits skip the attribution.
 *
 * <p>A split on a feature no earlier split on its path tests (most splits) has every row present and branch
 * factors {@code z (1-t) + p t} with one of {@code p_l, p_r} 1 and the other 0. Its R is then
 * {@code Z (1-t) + R_taken t} and it attributes {@code w P (R_taken - Z)}, with {@code Z = z_l R_l + z_r R_r} and
 * {@code R_taken} the R of the branch the row takes: the walks use that shorter form for such splits (no branch
 * factor is formed; for a leaf pair, both children leaves, {@code Z} and the attributions are tabulated in
 * {@link #leafPairs}), and the general one only at a repeated feature.
 *
 * <p>The factors {@code 1 / (z (1-t_q) + t_q)} of every branch are tabulated once per model, so a walk does no
 * division. The result differs from LightGBM's step-by-step extension and unwinding by rounding only. Immutable
 * and shared by all threads.
 */
final class QuadratureShap {

    final ShapTrees trees;
    // Per tree: its number of quadrature points q, half the most distinct features on one of its paths, rounded up.
    final int[] pointCount;
    final int maxPoints;
    // By number of points q: the points t and 1 - t.
    final double[][] points;
    final double[][] complements;
    // By number of points q: the weights w of the rule.
    final double[][] weights;
    // maxPoints ones and zeros: the factor of a feature no earlier split tested (1 at every point), and the one
    // fraction of a branch the row skips. Never written.
    final double[] ones;
    final double[] zeros;
    // Per split: the zero fraction of its feature through each branch (the product of the cover shares of this
    // and earlier splits on the feature).
    final double[] leftZero;
    final double[] rightZero;
    // Per split: the zero fraction of its feature before it (1 if no earlier split tests the feature).
    final double[] earlierZero;
    // Per split: where the q values of its left branch start in inverse and ratio (the right one follows), and
    // where those of the branch of the nearest earlier split on the same feature start (-1 if none). For a branch
    // with zero fraction z: inverse = 1 / (z (1 - t_q) + t_q), the inverse factor of a row taking it.
    final int[] branchStart;
    final int[] earlierStart;
    final double[] inverse;
    // Per split, three values, for a leaf pair (both children leaves, no earlier split on the feature: every row
    // is present and the branch factors are z (1 - t) + p t): R = base (1 - t) + v t, with base = z_l v_l + z_r v_r
    // and v the value of the leaf the row takes, and the attribution per unit of w P, (p_l - z_l) v_l +
    // (p_r - z_r) v_r, if the row takes the left leaf and if it takes the right one. Zero for other splits.
    final double[] leafPairs;
    // Per branch and point, beside inverse: ratio = (1 - z) / (z (1 - t_q) + t_q), the ratio
    // (p - z) / (z (1 - t) + p t) of a row present for the feature that takes the branch; and by number of points,
    // skippedRatio = -1 / (1 - t_q), the same ratio for a row that skips a branch (one fraction 0, whatever z).
    // Interaction values weigh pairs of features by these ratios (QuadratureInteractionWalker).
    final double[] ratio;
    final double[][] skippedRatio;

    QuadratureShap(ShapTrees trees) {
        this.trees = trees;
        Forest forest = trees.forest;
        int numTrees = forest.numTrees();
        int splits = trees.feature.length;
        pointCount = new int[numTrees];
        int most = 1;
        long tableSize = 0;
        for (int t = 0; t < numTrees; t++) {
            int root = forest.root(t);
            int distinct = root < 0 ? 0 : mostDistinctFeatures(root, new boolean[forest.numFeatures()], 0);
            pointCount[t] = Math.max(1, (distinct + 1) / 2);
            most = Math.max(most, pointCount[t]);
            tableSize += 2L * pointCount[t] * (forest.numLeaves(t) - 1);
        }
        maxPoints = most;
        points = new double[most + 1][];
        complements = new double[most + 1][];
        skippedRatio = new double[most + 1][];
        weights = new double[most + 1][];
        for (int q = 1; q <= most; q++) {
            double[][] rule = GaussLegendre.onUnitInterval(q);
            points[q] = rule[0];
            weights[q] = rule[1];
            complements[q] = new double[q];
            skippedRatio[q] = new double[q];
            for (int i = 0; i < q; i++) {
                complements[q][i] = 1.0 - points[q][i];
                skippedRatio[q][i] = -1.0 / complements[q][i];
            }
        }
        ones = new double[most];
        Arrays.fill(ones, 1.0);
        zeros = new double[most];
        if (tableSize > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException("the model needs " + tableSize + " quadrature table entries, more than the "
                    + (Integer.MAX_VALUE - 8) + " one Java array holds");
        }
        leftZero = new double[splits];
        earlierZero = new double[splits];
        rightZero = new double[splits];
        branchStart = new int[splits];
        earlierStart = new int[splits];
        inverse = new double[(int) tableSize];
        ratio = new double[(int) tableSize];
        leafPairs = new double[3 * splits];
        int[] cursor = {0};
        for (int t = 0; t < numTrees; t++) {
            int root = forest.root(t);
            if (root >= 0) {
                double[] zero = new double[forest.numFeatures()];
                Arrays.fill(zero, 1.0);
                int[] edge = new int[forest.numFeatures()];
                Arrays.fill(edge, -1);
                layout(root, pointCount[t], zero, edge, cursor);
            }
        }
    }

    /**
     * Whether {@code node} is a leaf pair: both children leaves and no earlier split on its feature on its path, so
     * every row is present for the feature there and {@link #leafPairs} gives its R and attributions.
     */
    boolean isLeafPair(int node) {
        return earlierStart[node] < 0 && trees.left[node] < 0 && trees.right[node] < 0;
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
     * Fills the per-split arrays of a subtree. {@code zero[f]} is feature {@code f}'s zero fraction on the path so
     * far and {@code edge[f]} where the inverse factors of its latest branch start (-1 if not tested yet).
     */
    private void layout(int node, int q, double[] zero, int[] edge, int[] cursor) {
        int f = trees.feature[node];
        double earlierZero = zero[f];
        int earlierEdge = edge[f];
        leftZero[node] = earlierZero * trees.leftShare[node];
        rightZero[node] = earlierZero * trees.rightShare[node];
        earlierStart[node] = earlierEdge;
        this.earlierZero[node] = earlierZero;
        int start = cursor[0];
        branchStart[node] = start;
        cursor[0] += 2 * q;
        for (int i = 0; i < q; i++) {
            for (int side = 0; side < 2; side++) {
                double z = side == 0 ? leftZero[node] : rightZero[node];
                double inverseFactor = 1.0 / (z * complements[q][i] + points[q][i]);
                inverse[start + side * q + i] = inverseFactor;
                ratio[start + side * q + i] = (1.0 - z) * inverseFactor;
            }
        }
        if (isLeafPair(node)) {
            double valueLeft = trees.leafValue[~trees.left[node]];
            double valueRight = trees.leafValue[~trees.right[node]];
            leafPairs[3 * node] = leftZero[node] * valueLeft + rightZero[node] * valueRight;
            leafPairs[3 * node + 1] = (1.0 - leftZero[node]) * valueLeft + (0.0 - rightZero[node]) * valueRight;
            leafPairs[3 * node + 2] = (0.0 - leftZero[node]) * valueLeft + (1.0 - rightZero[node]) * valueRight;
        }
        int[] children = {trees.left[node], trees.right[node]};
        double[] childZero = {leftZero[node], rightZero[node]};
        for (int side = 0; side < 2; side++) {
            if (children[side] >= 0) {
                zero[f] = childZero[side];
                edge[f] = start + side * q;
                layout(children[side], q, zero, edge, cursor);
            }
        }
        zero[f] = earlierZero;
        edge[f] = earlierEdge;
    }
}
