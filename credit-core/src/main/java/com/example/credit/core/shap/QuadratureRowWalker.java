package com.example.credit.core.shap;

import com.example.credit.core.model.Forest;
import com.example.credit.core.model.RowDecisions;
import java.util.Arrays;

/**
 * The walk of {@link QuadratureShap} for one row: {@code P(t)} down each tree, {@code R(t)} back up, and at every
 * split what its branches attribute to the split's feature, {@code (p - z) w e P R_child} per point; a split on a
 * feature not tested earlier on its path in the shorter form of {@link QuadratureShap} (leaf pair, leaf and split,
 * split pair). The row's decisions are made tree by tree before the walk ({@link RowDecisions}). Reads the model's
 * tables, owns only the per-row state. Not thread-safe; one per thread (in a {@link Workspace}).
 */
final class QuadratureRowWalker {

    private final ShapTrees trees;
    private final QuadratureShap tables;
    private final Forest forest;
    private final RowDecisions decisions;
    // Per depth, q values each: P at the node (down), R of its subtree (up), P w e at the node, and the factors of
    // its two branches (kept from before the children's walks for after them; a split pair keeps its left child's R
    // in leftFactors instead). One array per depth and quantity, so that the loops read and write different arrays at
    // the same index and the JIT can vectorise them.
    private final double[][] products;
    private final double[][] sums;
    private final double[][] weighted;
    private final double[][] leftFactors;
    private final double[][] rightFactors;
    // Per feature: whether the row is present for it, i.e. took every earlier split on it on the current path.
    private final boolean[] present;
    // Per feature, per point: the attributions of the row so far, summed over the points only at the end of the
    // row (element-wise accumulation vectorises; a sum per branch would be a chain of dependent adds).
    private final double[][] attributions;

    // Per-walk inputs, set by add() so the recursion does not pass them on every call.
    private int q;
    private double[] t;
    private double[] u;
    private double[] w;

    QuadratureRowWalker(QuadratureShap tables, RowDecisions decisions) {
        this.tables = tables;
        this.decisions = decisions;
        this.trees = tables.trees;
        this.forest = trees.forest;
        int levels = forest.maxDepth() + 2;
        this.products = new double[levels][tables.maxPoints];
        this.sums = new double[levels][tables.maxPoints];
        this.weighted = new double[levels][tables.maxPoints];
        this.leftFactors = new double[levels][tables.maxPoints];
        this.rightFactors = new double[levels][tables.maxPoints];
        this.present = new boolean[forest.numFeatures()];
        Arrays.fill(present, true);
        this.attributions = new double[forest.numFeatures()][tables.maxPoints];
    }

    /** Starts a row, prepared in the decisions: call before the {@link #add} calls of its trees. */
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
     * Adds the SHAP values of {@code tree} for the row prepared in the decisions to the row's attributions (to
     * {@code phi} at {@link #finish}); not the tree's expected value.
     */
    void add(int tree) {
        int root = forest.root(tree);
        if (root < 0) {
            return;
        }
        decisions.decideTree(tree);
        this.q = tables.pointCount[tree];
        this.t = tables.points[q];
        this.u = tables.complements[q];
        this.w = tables.weights[q];
        Arrays.fill(products[0], 0, q, 1.0);
        visit(root, 0);
    }

    /** Walks the subtree of split {@code node} at {@code depth}: reads its P, leaves its R at that depth. */
    private void visit(int node, int depth) {
        int f = trees.feature[node];
        QuadratureShap tables = this.tables;
        int earlier = tables.earlierStart[node];
        // Only a split on a feature tested earlier on the path can find the row absent for it.
        if (earlier >= 0 && !present[f]) {
            visitAbsent(node, depth);
            return;
        }
        int q = this.q;
        double[] t = this.t;
        double[] u = this.u;
        double[] w = this.w;
        // 1 if the row goes left here, else 0: the walk selects by multiplying with it, never by branching on it.
        int hot = decisions.left(node);
        if (earlier < 0) {
            if (trees.left[node] >= 0 && trees.right[node] >= 0) {
                splitPair(node, f, depth, hot);
            } else if (trees.left[node] < 0 && trees.right[node] < 0) {
                leafPair(node, f, depth, hot);
            } else {
                leafAndSplit(node, f, depth, hot);
            }
            return;
        }
        double oneLeft = hot;
        double oneRight = 1 - hot;
        double zeroLeft = tables.leftZero[node];
        double zeroRight = tables.rightZero[node];
        double[] nodeP = products[depth];
        double[] factorLeft = leftFactors[depth];
        double[] factorRight = rightFactors[depth];
        double[] weightedP = weighted[depth];
        // A split on a feature tested earlier on the path (the other kinds returned above): the factor
        // z (1 - t) + p t of f on each branch, that of the earlier split on f divided out (e: its inverse factor).
        double[] inverse = tables.inverse;
        for (int i = 0; i < q; i++) {
            double e = inverse[earlier + i];
            factorLeft[i] = (zeroLeft * u[i] + oneLeft * t[i]) * e;
            factorRight[i] = (zeroRight * u[i] + oneRight * t[i]) * e;
            weightedP[i] = nodeP[i] * (w[i] * e);
        }
        // What each branch attributes per unit of w e P R: its one fraction minus its zero fraction.
        double leftShare = oneLeft - zeroLeft;
        double rightShare = oneRight - zeroRight;
        double[] nodeR = sums[depth];
        double[] attribution = attributions[f];
        int left = trees.left[node];
        if (left < 0) {
            double v = trees.leafValue[~left];
            leaf(q, v, leftShare * v, factorLeft, weightedP, nodeR, attribution, true);
        } else {
            descend(q, nodeP, factorLeft, products[depth + 1]);
            present[f] = hot != 0;
            visit(left, depth + 1);
            present[f] = true;
            ascend(q, sums[depth + 1], leftShare, factorLeft, weightedP, nodeR, attribution, true);
        }
        int right = trees.right[node];
        if (right < 0) {
            double v = trees.leafValue[~right];
            leaf(q, v, rightShare * v, factorRight, weightedP, nodeR, attribution, false);
        } else {
            descend(q, nodeP, factorRight, products[depth + 1]);
            present[f] = hot == 0;
            visit(right, depth + 1);
            present[f] = true;
            ascend(q, sums[depth + 1], rightShare, factorRight, weightedP, nodeR, attribution, false);
        }
        // The leaves below this split were attributed at the earlier split on f as well: take them out.
        double earlierShare = 1.0 - tables.earlierZero[node];
        for (int i = 0; i < q; i++) {
            attribution[i] -= earlierShare * (weightedP[i] * nodeR[i]);
        }
    }

    /**
     * A leaf pair ({@link QuadratureShap#isLeafPair}): {@code R = base (1 - t) + v t}, {@code v} the value of the
     * leaf the row takes, and {@code share w P} to the feature's attribution: what its two leaves give when walked
     * one by one, in a third of the operations.
     */
    private void leafPair(int node, int f, int depth, int hot) {
        double[] pairs = tables.leafPairs;
        double base = pairs[3 * node];
        double share = pairs[3 * node + 2 - hot];
        double v = trees.leafValue[~(hot != 0 ? trees.left[node] : trees.right[node])];
        int q = this.q;
        double[] t = this.t;
        double[] u = this.u;
        double[] w = this.w;
        double[] nodeP = products[depth];
        double[] nodeR = sums[depth];
        double[] attribution = attributions[f];
        for (int i = 0; i < q; i++) {
            nodeR[i] = base * u[i] + v * t[i];
            attribution[i] += share * (nodeP[i] * w[i]);
        }
    }

    /**
     * A split with one leaf child and one split child, on a feature no earlier split on its path tests (every row
     * present, branch factors {@code z (1 - t) + p t}): with {@code Z = z_leaf v + z_split R_split} and
     * {@code R_taken} the R of the branch the row takes ({@code v} or {@code R_split}), the split's R is
     * {@code Z (1 - t) + R_taken t} and it attributes {@code w P (R_taken - Z)}; no branch factor is stored.
     */
    private void leafAndSplit(int node, int f, int depth, int hot) {
        int q = this.q;
        double[] t = this.t;
        double[] u = this.u;
        double[] w = this.w;
        boolean leafLeft = trees.left[node] < 0;
        int leaf = leafLeft ? trees.left[node] : trees.right[node];
        int split = leafLeft ? trees.right[node] : trees.left[node];
        double v = trees.leafValue[~leaf];
        double leafTerm = (leafLeft ? tables.leftZero[node] : tables.rightZero[node]) * v;
        double zeroSplit = leafLeft ? tables.rightZero[node] : tables.leftZero[node];
        // 1 if the row takes the split branch / the leaf, else 0.
        int takes = hot ^ (leafLeft ? 1 : 0);
        double takesSplit = takes;
        double takesLeaf = 1 - takes;
        double[] nodeP = products[depth];
        double[] childP = products[depth + 1];
        for (int i = 0; i < q; i++) {
            childP[i] = nodeP[i] * (zeroSplit * u[i] + takesSplit * t[i]);
        }
        present[f] = takes != 0;
        visit(split, depth + 1);
        present[f] = true;
        double[] childR = sums[depth + 1];
        double[] nodeR = sums[depth];
        double[] attribution = attributions[f];
        for (int i = 0; i < q; i++) {
            double r = childR[i];
            double z = leafTerm + zeroSplit * r;
            double taken = takesLeaf * v + takesSplit * r;
            nodeR[i] = z * u[i] + taken * t[i];
            attribution[i] += (nodeP[i] * w[i]) * (taken - z);
        }
    }

    /**
     * A split with two split children, on a feature no earlier split on its path tests: with
     * {@code Z = z_l R_l + z_r R_r} and {@code R_taken} the R of the branch the row takes, the split's R is
     * {@code Z (1 - t) + R_taken t} and it attributes {@code w P (R_taken - Z)}; no branch factor is stored.
     */
    private void splitPair(int node, int f, int depth, int hot) {
        int q = this.q;
        double[] t = this.t;
        double[] u = this.u;
        double[] w = this.w;
        double zeroLeft = tables.leftZero[node];
        double zeroRight = tables.rightZero[node];
        double takesLeft = hot;
        double takesRight = 1 - hot;
        double[] nodeP = products[depth];
        double[] childP = products[depth + 1];
        double[] nodeR = sums[depth];
        double[] childR = sums[depth + 1];
        double[] takenR = leftFactors[depth];
        for (int i = 0; i < q; i++) {
            childP[i] = nodeP[i] * (zeroLeft * u[i] + takesLeft * t[i]);
        }
        present[f] = hot != 0;
        visit(trees.left[node], depth + 1);
        for (int i = 0; i < q; i++) {
            double r = childR[i];
            nodeR[i] = zeroLeft * r;
            takenR[i] = takesLeft * r;
            childP[i] = nodeP[i] * (zeroRight * u[i] + takesRight * t[i]);
        }
        present[f] = hot == 0;
        visit(trees.right[node], depth + 1);
        present[f] = true;
        // R_taken: the left child's R times 1 if the row takes the left branch, plus the right child's R times 1 if
        // it takes the right one.
        double[] attribution = attributions[f];
        for (int i = 0; i < q; i++) {
            double rr = childR[i];
            double z = nodeR[i] + zeroRight * rr;
            double taken = takenR[i] + takesRight * rr;
            nodeR[i] = z * u[i] + taken * t[i];
            attribution[i] += (nodeP[i] * w[i]) * (taken - z);
        }
    }

    /** A leaf below a split on a feature the row is present for: its R is its value {@code v}. */
    private static void leaf(
            int q,
            double v,
            double attributed,
            double[] factor,
            double[] weightedP,
            double[] nodeR,
            double[] attribution,
            boolean first) {
        if (first) {
            for (int i = 0; i < q; i++) {
                nodeR[i] = factor[i] * v;
                attribution[i] += attributed * weightedP[i];
            }
        } else {
            for (int i = 0; i < q; i++) {
                nodeR[i] += factor[i] * v;
                attribution[i] += attributed * weightedP[i];
            }
        }
    }

    /** P of a child: the split's P times the branch's factor. */
    private static void descend(int q, double[] nodeP, double[] factor, double[] childP) {
        for (int i = 0; i < q; i++) {
            childP[i] = nodeP[i] * factor[i];
        }
    }

    /**
     * After a split child's walk, below a split on a feature the row is present for: adds {@code factor R} of the
     * branch into the split's R (the left branch, walked first, sets it) and {@code share w e P R} to the feature's
     * attribution.
     */
    private static void ascend(
            int q,
            double[] childR,
            double share,
            double[] factor,
            double[] weightedP,
            double[] nodeR,
            double[] attribution,
            boolean first) {
        if (first) {
            for (int i = 0; i < q; i++) {
                nodeR[i] = factor[i] * childR[i];
                attribution[i] += share * (weightedP[i] * childR[i]);
            }
        } else {
            for (int i = 0; i < q; i++) {
                nodeR[i] += factor[i] * childR[i];
                attribution[i] += share * (weightedP[i] * childR[i]);
            }
        }
    }

    /**
     * A split on a feature the row is absent for: f's factor stays {@code z (1 - t)} with {@code z} shrinking by
     * the split's cover share, so each branch's factor is its share, and nothing is attributed.
     */
    private void visitAbsent(int node, int depth) {
        int q = this.q;
        double[] nodeP = products[depth];
        double[] nodeR = sums[depth];
        double shareLeft = trees.leftShare[node];
        double shareRight = trees.rightShare[node];
        int left = trees.left[node];
        if (left < 0) {
            double s = shareLeft * trees.leafValue[~left];
            Arrays.fill(nodeR, 0, q, s);
        } else {
            scale(q, nodeP, shareLeft, products[depth + 1]);
            visit(left, depth + 1);
            scale(q, sums[depth + 1], shareLeft, nodeR);
        }
        int right = trees.right[node];
        if (right < 0) {
            double s = shareRight * trees.leafValue[~right];
            for (int i = 0; i < q; i++) {
                nodeR[i] += s;
            }
        } else {
            scale(q, nodeP, shareRight, products[depth + 1]);
            visit(right, depth + 1);
            double[] childR = sums[depth + 1];
            for (int i = 0; i < q; i++) {
                nodeR[i] += shareRight * childR[i];
            }
        }
    }

    /** {@code to[i] = share * from[i]} for the q points. */
    private static void scale(int q, double[] from, double share, double[] to) {
        for (int i = 0; i < q; i++) {
            to[i] = share * from[i];
        }
    }
}
