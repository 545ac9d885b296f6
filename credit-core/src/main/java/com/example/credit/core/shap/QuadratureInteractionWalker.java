package com.example.credit.core.shap;

import com.example.credit.core.model.Forest;
import com.example.credit.core.model.RowDecisions;
import java.util.Arrays;

/**
 * SHAP interaction values of one row by the quadrature of {@link QuadratureShap}: one walk per tree for all pairs of
 * features, instead of two conditioned path walks per (feature, tree that tests it).
 *
 * <p>With feature {@code j} held present or absent, a leaf's product game loses the player {@code j} and keeps the
 * factor {@code p_j} or {@code z_j}, so the difference of feature {@code i}'s Shapley values under the two conditions,
 * twice the interaction value, is {@code v (p_i - z_i)(p_j - z_j) ∫ prod over F\{i,j} of (z_f (1-t) + p_f t) dt},
 * symmetric in {@code i} and {@code j}: a polynomial of degree {@code d - 2}, computed exactly by the tree's rule.
 * Written with the ratios {@code a_f(t) = (p_f - z_f) / (z_f (1-t) + p_f t)} it is
 * {@code sum over q of w_q v P(t_q) a_i(t_q) a_j(t_q)}, {@code P} the leaf's product of factors.
 *
 * <p>Along a path, {@code a_f} changes only at the splits on {@code f}: write it as the sum of its changes
 * {@code Δ} at those splits. A leaf's term {@code a_i a_j} is then a sum over pairs of splits on {@code i} and
 * {@code j} above it, and a pair's term summed over the leaves below the deeper split's branch {@code c} is
 * {@code Δ_i Δ_j S_c} ({@code S_c} as in {@link QuadratureShap}). So at each branch, after its subtree is walked,
 * the walk adds {@code sum over q of w_q Δ_c S_c a_g} for every other feature {@code g} on the path above, with
 * {@code a_g} its ratio there: {@code O(q × path features)} per branch. A row absent for the branch's feature has
 * {@code Δ = 0} there ({@code a = -1 / (1 - t)} whatever {@code z}), so such branches add nothing. The values are
 * sums of terms that equal the polynomial at every point, so the quadrature stays exact (as for the SHAP values,
 * the result differs from the conditioned path walk by rounding only).
 *
 * <p>Reads the model's tables, owns only the per-row state. Not thread-safe; one per thread (in a
 * {@link Workspace}).
 */
final class QuadratureInteractionWalker {

    private final ShapTrees trees;
    private final QuadratureShap tables;
    private final Forest forest;
    private final RowDecisions decisions;
    private final int numFeatures;
    // Per depth, q values each: P at the node (down) and S = P R of its subtree (up; QuadratureRowWalker carries R).
    private final double[][] products;
    private final double[][] sums;
    // Per feature: whether the row is present for it on the current path, and whether the path tests it.
    private final boolean[] present;
    private final boolean[] onPath;
    // Per feature, per point: a_f on the current path (0 while the path does not test f); per depth the value saved
    // while the node's branches are walked.
    private final double[][] ratios;
    private final double[][] savedRatios;
    // The distinct features of the current path, in order of first test.
    private final int[] pathFeatures;
    private int pathLength;
    // Per point: w Δ S of the branch being attributed.
    private final double[] term;
    // pairs[g * numFeatures + f]: the sum of the terms of split pairs with g above and f below.
    private final double[] pairs;

    private int q;
    private double[] t;
    private double[] u;
    private double[] w;
    private double[] skippedRatio;

    QuadratureInteractionWalker(QuadratureShap tables, RowDecisions decisions) {
        this.tables = tables;
        this.decisions = decisions;
        this.trees = tables.trees;
        this.forest = trees.forest;
        this.numFeatures = forest.numFeatures();
        int levels = forest.maxDepth() + 2;
        int maxPoints = tables.maxPoints;
        this.products = new double[levels][maxPoints];
        this.sums = new double[levels][maxPoints];
        this.present = new boolean[numFeatures];
        Arrays.fill(present, true);
        this.onPath = new boolean[numFeatures];
        this.ratios = new double[numFeatures][maxPoints];
        this.savedRatios = new double[levels][maxPoints];
        this.pathFeatures = new int[levels];
        this.term = new double[maxPoints];
        this.pairs = new double[numFeatures * numFeatures];
    }

    /** Starts a row, prepared in the decisions: call before the {@link #add} calls of its trees. */
    void begin() {
        Arrays.fill(pairs, 0.0);
    }

    /**
     * Ends a row: writes its interaction values into {@code out} ({@code n x n}, overwritten), the diagonal closing
     * every row onto the feature's SHAP value in {@code phi}.
     */
    void finish(double[] phi, double[][] out) {
        int n = numFeatures;
        for (int i = 0; i < n; i++) {
            out[i][i] = 0.0;
            for (int j = i + 1; j < n; j++) {
                // Half of the pairs' terms in either order; the sum of two values is symmetric to the last bit.
                double value = (pairs[i * n + j] + pairs[j * n + i]) * 0.5;
                out[i][j] = value;
                out[j][i] = value;
            }
        }
        InteractionValues.closeDiagonal(out, phi, n);
    }

    /**
     * Adds the interaction values of a tree of the pattern tables for the row whose decisions the workspace holds
     * (made for the row's contributions, which {@link TreeShap} computes first).
     */
    void add(PatternTables patterns, int tree) {
        patterns.addInteractions(tree, decisions, pairs, numFeatures);
    }

    /**
     * Adds the interaction terms of {@code tree} for the row whose decisions at the tree the workspace holds (made for
     * the row's contributions, which {@link TreeShap} computes first: the tree is not decided twice).
     */
    void add(int tree) {
        int root = forest.root(tree);
        if (root < 0) {
            return;
        }
        this.q = tables.pointCount[tree];
        this.t = tables.points[q];
        this.u = tables.complements[q];
        this.w = tables.weights[q];
        this.skippedRatio = tables.skippedRatio[q];
        Arrays.fill(products[0], 0, q, 1.0);
        visit(root, 0);
    }

    private void visit(int node, int depth) {
        int f = trees.feature[node];
        boolean isPresent = present[f];
        boolean hotLeft = decisions.left(node) != 0;
        double[] ratio = ratios[f];
        double[] saved = savedRatios[depth];
        System.arraycopy(ratio, 0, saved, 0, q);
        boolean first = !onPath[f];
        if (first) {
            onPath[f] = true;
            pathFeatures[pathLength++] = f;
        }
        branch(node, true, isPresent, isPresent && hotLeft, depth);
        branch(node, false, isPresent, isPresent && !hotLeft, depth);
        if (first) {
            onPath[f] = false;
            pathLength--;
        }
        System.arraycopy(saved, 0, ratio, 0, q);
    }

    private void branch(int node, boolean isLeft, boolean isPresent, boolean taken, int depth) {
        ShapTrees trees = this.trees;
        QuadratureShap tables = this.tables;
        double[] parentP = products[depth];
        double[] childP = products[depth + 1];
        double[] nodeS = sums[depth];
        int f = trees.feature[node];
        if (isPresent) {
            double z = isLeft ? tables.leftZero[node] : tables.rightZero[node];
            double[] oneFraction = taken ? t : tables.zeros;
            int earlier = Math.max(tables.earlierStart[node], 0);
            double[] earlierInverse = tables.earlierStart[node] >= 0 ? tables.inverse : tables.ones;
            for (int i = 0; i < q; i++) {
                childP[i] = parentP[i] * ((z * u[i] + oneFraction[i]) * earlierInverse[earlier + i]);
            }
        } else {
            double share = isLeft ? trees.leftShare[node] : trees.rightShare[node];
            for (int i = 0; i < q; i++) {
                childP[i] = parentP[i] * share;
            }
        }
        // The ratio of f below this branch (unchanged for an absent row).
        double[] newRatio = taken ? tables.ratio : skippedRatio;
        int offset = taken ? tables.branchStart[node] + (isLeft ? 0 : q) : 0;
        double[] ratio = ratios[f];
        int child = isLeft ? trees.left[node] : trees.right[node];
        double[] childS;
        double scale;
        if (child < 0) {
            childS = childP;
            scale = trees.leafValue[~child];
        } else {
            if (isPresent) {
                System.arraycopy(newRatio, offset, ratio, 0, q);
            }
            present[f] = taken;
            visit(child, depth + 1);
            present[f] = isPresent;
            childS = sums[depth + 1];
            scale = 1.0;
        }
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
        // w Δ S of this branch; Δ is the change of f's ratio from above the node (saved) to this branch.
        double[] before = savedRatios[depth];
        double[] term = this.term;
        for (int i = 0; i < q; i++) {
            term[i] = w[i] * (newRatio[offset + i] - before[i]) * (scale * childS[i]);
        }
        double[] pairs = this.pairs;
        int n = numFeatures;
        for (int k = 0; k < pathLength; k++) {
            int g = pathFeatures[k];
            if (g == f) {
                continue;
            }
            double[] other = ratios[g];
            double sum = 0.0;
            for (int i = 0; i < q; i++) {
                sum += term[i] * other[i];
            }
            pairs[g * n + f] += sum;
        }
    }
}
