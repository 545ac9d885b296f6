package com.example.credit.core.shap;

import com.example.credit.core.model.Forest;
import com.example.credit.core.model.RowDecisions;
import java.util.Arrays;

/**
 * The walk of {@link QuadratureShap} for a block of up to {@link #BLOCK} rows at once. The quadrature visits every
 * node of a tree whatever the row, so rows differ only in their 0/1 one fractions: one walk serves the whole block,
 * and the per-node work becomes loops over the rows of the block that the JIT vectorises. Values are kept
 * point-major ({@code [point * rows + row]}, dense for any number of rows).
 *
 * <p>Every row gets exactly the bits {@link QuadratureRowWalker} gives it alone: the one fractions select terms by
 * multiplying with 0 or 1 (exact), and every product and sum is evaluated in the same order. Reads the model's
 * tables, owns only the per-block state. Not thread-safe; one per thread (in a {@link Workspace}).
 */
final class QuadratureBlockWalker {

    /** Rows per block. */
    static final int BLOCK = 128;

    private final ShapTrees trees;
    private final QuadratureShap tables;
    private final Forest forest;
    // Per depth: P at the node (down), R of its subtree (up), P w e at the node and the factors of its two branches
    // (kept from before the children's walks for after them; a split pair keeps its left child's R, for the rows that
    // take the left branch, in leftFactorsAt instead), point-major.
    private final double[][] products;
    private final double[][] sums;
    private final double[][] weightedAt;
    private final double[][] leftFactorsAt;
    private final double[][] rightFactorsAt;
    // Per feature, per row: 1 while the row is present for the feature (took every earlier split on it) on the
    // current path, else 0.
    private final double[][] present;
    // Per depth, per row, for the node's feature: 1 if the row is present / absent, 1 if it is present and takes
    // the left / right branch, what each branch attributes per unit of w e P R (p - z, 0 for an absent row), and the
    // presence saved while a child is walked. Per depth so the recursion keeps its parents' values.
    private final double[][] presentAt;
    private final double[][] absentAt;
    private final double[][] takenLeftAt;
    private final double[][] takenRightAt;
    private final double[][] leftSharesAt;
    private final double[][] rightSharesAt;
    private final double[][] savedAt;
    // Per depth: a split's 0/1 per row for taking its first branch (the left one, or the split for a leaf and split)
    // spread over the points, point-major like P and R: C2 vectorises a loop over the rows only when all its arrays
    // share one index, so the loops over points and rows read this instead of the per-row array (and take the other
    // branch's 0/1 as 1 minus it, exactly).
    private final double[][] firstAt;
    // Scratch for a leaf pair: the taken leaf's value and its share per row, spread over the points.
    private final double[] takenSpread;
    private final double[] sharesSpread;
    // Per feature: the attributions of each row at each point, point-major.
    private final double[][] attributions;
    // The block's decisions: prepared once per block by the caller, made split by split into goesLeft (1.0 if the
    // row goes left, else 0.0).
    private final RowDecisions decisions;
    private final double[] goesLeft = new double[BLOCK];
    // Scratch for a leaf branch: per row, what it attributes per unit of w e P (for a leaf pair, per unit of w P).
    private final double[] attributed = new double[BLOCK];
    // Scratch for a leaf pair: per row, the value of the leaf it takes.
    private final double[] taken = new double[BLOCK];

    private int rows;
    private int q;
    private double[] t;
    private double[] u;
    private double[] w;

    QuadratureBlockWalker(QuadratureShap tables, RowDecisions decisions) {
        this.tables = tables;
        this.decisions = decisions;
        this.trees = tables.trees;
        this.forest = trees.forest;
        int levels = forest.maxDepth() + 2;
        int numFeatures = forest.numFeatures();
        int maxPoints = tables.maxPoints;
        this.products = new double[levels][maxPoints * BLOCK];
        this.sums = new double[levels][maxPoints * BLOCK];
        this.weightedAt = new double[levels][maxPoints * BLOCK];
        this.leftFactorsAt = new double[levels][maxPoints * BLOCK];
        this.rightFactorsAt = new double[levels][maxPoints * BLOCK];
        this.present = new double[numFeatures][BLOCK];
        this.presentAt = new double[levels][BLOCK];
        this.absentAt = new double[levels][BLOCK];
        this.takenLeftAt = new double[levels][BLOCK];
        this.takenRightAt = new double[levels][BLOCK];
        this.leftSharesAt = new double[levels][BLOCK];
        this.rightSharesAt = new double[levels][BLOCK];
        this.savedAt = new double[levels][BLOCK];
        this.attributions = new double[numFeatures][maxPoints * BLOCK];
        this.firstAt = new double[levels][maxPoints * BLOCK];
        this.takenSpread = new double[maxPoints * BLOCK];
        this.sharesSpread = new double[maxPoints * BLOCK];
    }

    /** Starts a block: the rows prepared in the decisions, at most {@link #BLOCK}. */
    void begin() {
        int count = decisions.count();
        if (count > BLOCK) {
            throw new IllegalArgumentException("a block holds 1 to " + BLOCK + " rows, got " + count);
        }
        this.rows = count;
        int numFeatures = present.length;
        for (int f = 0; f < numFeatures; f++) {
            Arrays.fill(attributions[f], 0, tables.maxPoints * count, 0.0);
            Arrays.fill(present[f], 1.0);
        }
    }

    /** Ends a block: adds what its trees attributed to each feature to {@code out[first + r]}. */
    void finish(double[][] out, int first) {
        int maxPoints = tables.maxPoints;
        for (int f = 0; f < attributions.length; f++) {
            double[] perPoint = attributions[f];
            for (int r = 0; r < rows; r++) {
                // Summed over all points in order, as QuadratureRowWalker sums a row.
                double total = 0.0;
                for (int i = 0; i < maxPoints; i++) {
                    total += perPoint[i * rows + r];
                }
                out[first + r][f] += total;
            }
        }
    }

    /** Adds the SHAP values of {@code tree} for the block's rows (to the output at {@link #finish}). */
    void add(int tree) {
        int root = forest.root(tree);
        if (root < 0) {
            return;
        }
        q = tables.pointCount[tree];
        t = tables.points[q];
        u = tables.complements[q];
        w = tables.weights[q];
        Arrays.fill(products[0], 0, q * rows, 1.0);
        visit(root, 0);
    }

    private void visit(int node, int depth) {
        int f = trees.feature[node];
        if (tables.isLeafPair(node)) {
            leafPair(node, f, depth);
            return;
        }
        if (tables.earlierStart[node] < 0) {
            if (trees.left[node] < 0 || trees.right[node] < 0) {
                leafAndSplit(node, f, depth);
            } else {
                splitPair(node, f, depth);
            }
            return;
        }
        int rows = this.rows;
        int q = this.q;
        double[] t = this.t;
        double[] u = this.u;
        double[] w = this.w;
        double[] isPresent = presentAt[depth];
        double[] isAbsent = absentAt[depth];
        double[] takenLeft = takenLeftAt[depth];
        double[] takenRight = takenRightAt[depth];
        double[] leftShares = leftSharesAt[depth];
        double[] rightShares = rightSharesAt[depth];
        double[] presentForF = present[f];
        double[] goesLeft = this.goesLeft;
        double zeroLeft = tables.leftZero[node];
        double zeroRight = tables.rightZero[node];
        decisions.left(node, goesLeft);
        for (int r = 0; r < rows; r++) {
            double p = presentForF[r];
            double left = goesLeft[r];
            double inLeft = left * p;
            double inRight = (1.0 - left) * p;
            isPresent[r] = p;
            isAbsent[r] = 1.0 - p;
            takenLeft[r] = inLeft;
            takenRight[r] = inRight;
            // QuadratureRowWalker's one fraction minus zero fraction, selected: 1 - z if taken, 0 - z if skipped.
            leftShares[r] = inLeft * (1.0 - zeroLeft) + inRight * (0.0 - zeroLeft);
            rightShares[r] = inRight * (1.0 - zeroRight) + inLeft * (0.0 - zeroRight);
        }
        // A split on a feature tested earlier on the path (the other kinds returned above).
        int earlier = tables.earlierStart[node];
        double[] inverse = tables.inverse;
        double shareLeft = trees.leftShare[node];
        double shareRight = trees.rightShare[node];
        double[] nodeP = products[depth];
        double[] factorLeft = leftFactorsAt[depth];
        double[] factorRight = rightFactorsAt[depth];
        double[] weightedP = weightedAt[depth];
        for (int i = 0; i < q; i++) {
            // The factors QuadratureRowWalker uses, evaluated the same way: (z u + t) e if taken, (z u + 0) e if
            // skipped, the cover share if absent; each row selects one by exact multiplications with 0 and 1.
            double e = inverse[earlier + i];
            double zu = zeroLeft * u[i];
            double leftTaken = (zu + t[i]) * e;
            double leftSkipped = (zu + 0.0) * e;
            zu = zeroRight * u[i];
            double rightTaken = (zu + t[i]) * e;
            double rightSkipped = (zu + 0.0) * e;
            double we = w[i] * e;
            int o = i * rows;
            for (int r = 0; r < rows; r++) {
                factorLeft[o + r] = takenLeft[r] * leftTaken + takenRight[r] * leftSkipped + isAbsent[r] * shareLeft;
                factorRight[o + r] =
                        takenRight[r] * rightTaken + takenLeft[r] * rightSkipped + isAbsent[r] * shareRight;
                weightedP[o + r] = nodeP[o + r] * we;
            }
        }
        branch(trees.left[node], f, depth, factorLeft, leftShares, takenLeft, true);
        branch(trees.right[node], f, depth, factorRight, rightShares, takenRight, false);
        // The leaves below this split were attributed at the earlier split on f as well: take them out.
        double earlierShare = 1.0 - tables.earlierZero[node];
        double[] nodeR = sums[depth];
        double[] attribution = attributions[f];
        for (int i = 0; i < q; i++) {
            int o = i * rows;
            for (int r = 0; r < rows; r++) {
                attribution[o + r] -= (isPresent[r] * earlierShare) * (weightedP[o + r] * nodeR[o + r]);
            }
        }
    }

    /**
     * A leaf pair ({@link QuadratureShap#isLeafPair}; every row is present for {@code f}): each row's
     * {@code R = base (1 - t) + v t} and {@code share w P}, evaluated as {@link QuadratureRowWalker} does.
     */
    private void leafPair(int node, int f, int depth) {
        int rows = this.rows;
        int q = this.q;
        double[] t = this.t;
        double[] u = this.u;
        double[] w = this.w;
        double[] goesLeft = this.goesLeft;
        decisions.left(node, goesLeft);
        double[] pairs = tables.leafPairs;
        double base = pairs[3 * node];
        double shareLeft = pairs[3 * node + 1];
        double shareRight = pairs[3 * node + 2];
        double valueLeft = trees.leafValue[~trees.left[node]];
        double valueRight = trees.leafValue[~trees.right[node]];
        double[] taken = this.taken;
        double[] shares = this.attributed;
        for (int r = 0; r < rows; r++) {
            int left = (int) goesLeft[r];
            taken[r] = ShapTrees.choose(left, valueLeft, valueRight);
            shares[r] = ShapTrees.choose(left, shareLeft, shareRight);
        }
        double[] takenAt = takenSpread;
        double[] sharesAt = sharesSpread;
        spread(taken, takenAt);
        spread(shares, sharesAt);
        double[] nodeP = products[depth];
        double[] nodeR = sums[depth];
        double[] attribution = attributions[f];
        for (int i = 0; i < q; i++) {
            double ui = u[i];
            double ti = t[i];
            double wi = w[i];
            int o = i * rows;
            for (int r = 0; r < rows; r++) {
                nodeR[o + r] = base * ui + takenAt[o + r] * ti;
                attribution[o + r] += sharesAt[o + r] * (nodeP[o + r] * wi);
            }
        }
    }

    /**
     * A split with one leaf child and one split child, no earlier split on {@code f} (every row present): as
     * {@link QuadratureRowWalker}'s {@code leafAndSplit}, the branch a row takes selected by exact multiplications
     * with 0 and 1.
     */
    private void leafAndSplit(int node, int f, int depth) {
        int rows = this.rows;
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
        // The split is the right child when the leaf is the left one: a row takes it if it does not go left.
        walkFirst(node, f, depth, leafLeft, zeroSplit, split);
        // Per point and row: 1 if the row takes the split branch, else 0 (the leaf: 1 minus it, exactly).
        double[] splitAt = firstAt[depth];
        double[] nodeP = products[depth];
        double[] childR = sums[depth + 1];
        double[] nodeR = sums[depth];
        double[] attribution = attributions[f];
        for (int i = 0; i < q; i++) {
            double ui = u[i];
            double ti = t[i];
            double wi = w[i];
            int o = i * rows;
            for (int r = 0; r < rows; r++) {
                double rs = childR[o + r];
                double takesSplit = splitAt[o + r];
                double z = leafTerm + zeroSplit * rs;
                double rTaken = (1.0 - takesSplit) * v + takesSplit * rs;
                nodeR[o + r] = z * ui + rTaken * ti;
                attribution[o + r] += (nodeP[o + r] * wi) * (rTaken - z);
            }
        }
    }

    /**
     * A split with two split children, no earlier split on {@code f} (every row present): as
     * {@link QuadratureRowWalker}'s {@code splitPair}, the branch a row takes selected by exact multiplications with
     * 0 and 1.
     */
    private void splitPair(int node, int f, int depth) {
        int rows = this.rows;
        int q = this.q;
        double[] t = this.t;
        double[] u = this.u;
        double[] w = this.w;
        double zeroLeft = tables.leftZero[node];
        double zeroRight = tables.rightZero[node];
        walkFirst(node, f, depth, false, zeroLeft, trees.left[node]);
        // Per row, and per point and row: 1 if the row takes the left / right branch, else 0 (per point and row, the
        // right one as 1 minus the left one, exactly).
        double[] takesRight = takenRightAt[depth];
        double[] leftAt = firstAt[depth];
        double[] nodeP = products[depth];
        double[] childP = products[depth + 1];
        double[] nodeR = sums[depth];
        double[] childR = sums[depth + 1];
        // Per point and row: the left child's R if the row takes the left branch, else 0.
        double[] takenR = leftFactorsAt[depth];
        for (int i = 0; i < q; i++) {
            double ui = u[i];
            double ti = t[i];
            int o = i * rows;
            for (int r = 0; r < rows; r++) {
                double rl = childR[o + r];
                double takesLeft = leftAt[o + r];
                nodeR[o + r] = zeroLeft * rl;
                takenR[o + r] = takesLeft * rl;
                childP[o + r] = nodeP[o + r] * (zeroRight * ui + (1.0 - takesLeft) * ti);
            }
        }
        visitChild(trees.right[node], f, depth, takesRight);
        double[] attribution = attributions[f];
        for (int i = 0; i < q; i++) {
            double ui = u[i];
            double ti = t[i];
            double wi = w[i];
            int o = i * rows;
            for (int r = 0; r < rows; r++) {
                double rr = childR[o + r];
                double z = nodeR[o + r] + zeroRight * rr;
                double h = takenR[o + r] + (1.0 - leftAt[o + r]) * rr;
                nodeR[o + r] = z * ui + h * ti;
                attribution[o + r] += (nodeP[o + r] * wi) * (h - z);
            }
        }
    }

    /**
     * The first half of a split on {@code f} that no earlier split on its path tests (leaf and split, split pair):
     * decides it for the block, sets each row's 0/1 for its first branch ({@code takenLeftAt[depth]}; the left one,
     * or the right one if {@code flip}) and for the other ({@code takenRightAt[depth]}), spreads the first over the
     * points ({@code firstAt[depth]}), and walks split {@code child} (the first branch's) with its P.
     */
    private void walkFirst(int node, int f, int depth, boolean flip, double zero, int child) {
        int rows = this.rows;
        double[] goesLeft = this.goesLeft;
        decisions.left(node, goesLeft);
        double[] takesFirst = takenLeftAt[depth];
        double[] takesSecond = takenRightAt[depth];
        double flipped = flip ? 1.0 : 0.0;
        for (int r = 0; r < rows; r++) {
            double first = Math.abs(goesLeft[r] - flipped);
            takesFirst[r] = first;
            takesSecond[r] = 1.0 - first;
        }
        spread(takesFirst, firstAt[depth]);
        descend(depth, zero, firstAt[depth]);
        visitChild(child, f, depth, takesFirst);
    }

    /**
     * The P of a split child of a split on a feature no earlier split tests (every row present): the split's P times
     * {@code z (1 - t) + p t}, {@code p} 1 for a row that takes the branch, else 0 ({@code takes}, spread over the
     * points).
     */
    private void descend(int depth, double zero, double[] takes) {
        int rows = this.rows;
        double[] t = this.t;
        double[] u = this.u;
        double[] nodeP = products[depth];
        double[] childP = products[depth + 1];
        for (int i = 0; i < q; i++) {
            double ui = u[i];
            double ti = t[i];
            int o = i * rows;
            for (int r = 0; r < rows; r++) {
                childP[o + r] = nodeP[o + r] * (zero * ui + takes[o + r] * ti);
            }
        }
    }

    /** Copies a value per row to every point: {@code perPoint[i * rows + r] = perRow[r]} for the tree's points. */
    private void spread(double[] perRow, double[] perPoint) {
        int rows = this.rows;
        for (int i = 0; i < q; i++) {
            System.arraycopy(perRow, 0, perPoint, i * rows, rows);
        }
    }

    /**
     * Walks split {@code child} of a split on {@code f} at {@code depth} with each row's presence for {@code f}
     * set to {@code presence[r]} (1 if present and taking the branch), and restores it after.
     */
    private void visitChild(int child, int f, int depth, double[] presence) {
        double[] presentForF = present[f];
        double[] saved = savedAt[depth];
        System.arraycopy(presentForF, 0, saved, 0, rows);
        System.arraycopy(presence, 0, presentForF, 0, rows);
        visit(child, depth + 1);
        System.arraycopy(saved, 0, presentForF, 0, rows);
    }

    /**
     * One branch of a split on {@code f}: adds {@code factor R} of the branch into the split's R (the left branch,
     * walked first, sets it) and {@code share w e P R} to each row's attribution to {@code f}. {@code taken[r]} is 1
     * if row {@code r} is present and takes the branch.
     */
    private void branch(int child, int f, int depth, double[] factor, double[] shares, double[] taken, boolean first) {
        int rows = this.rows;
        int q = this.q;
        double[] nodeR = sums[depth];
        double[] weightedP = weightedAt[depth];
        double[] attribution = attributions[f];
        if (child < 0) {
            double v = trees.leafValue[~child];
            // Each row's share times v, once per row (QuadratureRowWalker's attributed = share * v).
            double[] attributed = this.attributed;
            for (int r = 0; r < rows; r++) {
                attributed[r] = shares[r] * v;
            }
            for (int i = 0; i < q; i++) {
                int o = i * rows;
                if (first) {
                    for (int r = 0; r < rows; r++) {
                        nodeR[o + r] = factor[o + r] * v;
                        attribution[o + r] += attributed[r] * weightedP[o + r];
                    }
                } else {
                    for (int r = 0; r < rows; r++) {
                        nodeR[o + r] += factor[o + r] * v;
                        attribution[o + r] += attributed[r] * weightedP[o + r];
                    }
                }
            }
            return;
        }
        double[] nodeP = products[depth];
        double[] childP = products[depth + 1];
        int points = q * rows;
        for (int k = 0; k < points; k++) {
            childP[k] = nodeP[k] * factor[k];
        }
        visitChild(child, f, depth, taken);
        double[] childR = sums[depth + 1];
        if (first) {
            for (int i = 0; i < q; i++) {
                int o = i * rows;
                for (int r = 0; r < rows; r++) {
                    nodeR[o + r] = factor[o + r] * childR[o + r];
                    attribution[o + r] += shares[r] * (weightedP[o + r] * childR[o + r]);
                }
            }
        } else {
            for (int i = 0; i < q; i++) {
                int o = i * rows;
                for (int r = 0; r < rows; r++) {
                    nodeR[o + r] += factor[o + r] * childR[o + r];
                    attribution[o + r] += shares[r] * (weightedP[o + r] * childR[o + r]);
                }
            }
        }
    }
}
