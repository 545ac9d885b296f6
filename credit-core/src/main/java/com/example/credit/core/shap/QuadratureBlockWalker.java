package com.example.credit.core.shap;

import com.example.credit.core.model.Forest;
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
    // Per depth: P at the node (down) and S of its subtree (up), point-major.
    private final double[][] products;
    private final double[][] sums;
    // Per feature, per row: 1 while the row is present for the feature (took every earlier split on it) on the
    // current path, else 0.
    private final double[][] present;
    // Per depth, per row, for the node's feature: 1 if the row is present / absent, 1 if it is present and takes
    // the left / right branch, and the presence saved while a child is walked. Per depth so the recursion keeps its
    // parents' values.
    private final double[][] presentAt;
    private final double[][] absentAt;
    private final double[][] takenLeftAt;
    private final double[][] takenRightAt;
    private final double[][] savedAt;
    // Per feature: the attributions of each row at each point, point-major.
    private final double[][] attributions;
    // The block's values, feature-major, so a node's decisions read one short array.
    private final double[] values;
    private final boolean[] hotLeft = new boolean[BLOCK];

    private int rows;
    private int q;
    private double[] t;
    private double[] u;
    private double[] skippedKappa;

    QuadratureBlockWalker(QuadratureShap tables) {
        this.tables = tables;
        this.trees = tables.trees;
        this.forest = trees.forest;
        int levels = forest.maxDepth() + 2;
        int numFeatures = forest.numFeatures();
        int maxPoints = tables.maxPoints;
        this.products = new double[levels][maxPoints * BLOCK];
        this.sums = new double[levels][maxPoints * BLOCK];
        this.present = new double[numFeatures][BLOCK];
        this.presentAt = new double[levels][BLOCK];
        this.absentAt = new double[levels][BLOCK];
        this.takenLeftAt = new double[levels][BLOCK];
        this.takenRightAt = new double[levels][BLOCK];
        this.savedAt = new double[levels][BLOCK];
        this.attributions = new double[numFeatures][maxPoints * BLOCK];
        this.values = new double[numFeatures * BLOCK];
    }

    /** Starts a block: rows {@code first} to {@code first + count - 1} of {@code block}, at most {@link #BLOCK}. */
    void begin(double[][] block, int first, int count) {
        if (count < 1 || count > BLOCK) {
            throw new IllegalArgumentException("a block holds 1 to " + BLOCK + " rows, got " + count);
        }
        this.rows = count;
        int numFeatures = present.length;
        for (int f = 0; f < numFeatures; f++) {
            Arrays.fill(attributions[f], 0, tables.maxPoints * count, 0.0);
            Arrays.fill(present[f], 1.0);
            for (int r = 0; r < count; r++) {
                values[f * BLOCK + r] = block[first + r][f];
            }
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
        skippedKappa = tables.skippedKappa[q];
        Arrays.fill(products[0], 0, q * rows, 1.0);
        visit(root, 0);
    }

    private void visit(int node, int depth) {
        int f = trees.feature[node];
        double[] isPresent = presentAt[depth];
        double[] isAbsent = absentAt[depth];
        double[] takenLeft = takenLeftAt[depth];
        double[] takenRight = takenRightAt[depth];
        double[] presentForF = present[f];
        boolean[] hotLeft = this.hotLeft;
        forest.goesLeft(node, values, f * BLOCK, rows, hotLeft);
        for (int r = 0; r < rows; r++) {
            double p = presentForF[r];
            boolean left = hotLeft[r];
            isPresent[r] = p;
            isAbsent[r] = 1.0 - p;
            takenLeft[r] = left ? p : 0.0;
            takenRight[r] = left ? 0.0 : p;
        }
        branch(node, true, depth, takenLeft, takenRight, isAbsent);
        branch(node, false, depth, takenRight, takenLeft, isAbsent);
        int earlier = tables.earlierStart[node];
        if (earlier >= 0) {
            // The leaves below this split were attributed at the earlier split on f as well: take them out.
            double[] nodeS = sums[depth];
            double[] kappa = tables.kappa;
            double[] attribution = attributions[f];
            for (int i = 0; i < q; i++) {
                double k = kappa[earlier + i];
                int o = i * rows;
                for (int r = 0; r < rows; r++) {
                    attribution[o + r] -= isPresent[r] * k * nodeS[o + r];
                }
            }
        }
    }

    /**
     * One branch of a split: {@code taken[r]} is 1 if row {@code r} is present and takes it, {@code skipped[r]} 1 if
     * it is present and takes the other branch, {@code absent[r]} 1 if it is not present (exactly one is 1).
     */
    private void branch(int node, boolean isLeft, int depth, double[] taken, double[] skipped, double[] absent) {
        double[] parentP = products[depth];
        double[] childP = products[depth + 1];
        double[] nodeS = sums[depth];
        int f = trees.feature[node];
        double z = isLeft ? tables.leftZero[node] : tables.rightZero[node];
        double share = isLeft ? trees.leftShare[node] : trees.rightShare[node];
        int earlier = Math.max(tables.earlierStart[node], 0);
        double[] earlierInverse = tables.earlierStart[node] >= 0 ? tables.inverse : tables.ones;
        for (int i = 0; i < q; i++) {
            // The factors QuadratureRowWalker uses, evaluated the same way: (z u + t) e if taken, (z u + 0) e if
            // skipped, the share if absent; each row selects one by exact multiplications with 0 and 1.
            double zu = z * u[i];
            double whenTaken = (zu + t[i]) * earlierInverse[earlier + i];
            double whenSkipped = (zu + 0.0) * earlierInverse[earlier + i];
            int o = i * rows;
            for (int r = 0; r < rows; r++) {
                double factor = taken[r] * whenTaken + skipped[r] * whenSkipped + absent[r] * share;
                childP[o + r] = parentP[o + r] * factor;
            }
        }
        int child = isLeft ? trees.left[node] : trees.right[node];
        double[] childS;
        double scale;
        if (child < 0) {
            childS = childP;
            scale = trees.leafValue[~child];
        } else {
            double[] presentForF = present[f];
            double[] saved = savedAt[depth];
            System.arraycopy(presentForF, 0, saved, 0, rows);
            System.arraycopy(taken, 0, presentForF, 0, rows);
            visit(child, depth + 1);
            System.arraycopy(saved, 0, presentForF, 0, rows);
            childS = sums[depth + 1];
            scale = 1.0;
        }
        double[] kappa = tables.kappa;
        double[] attribution = attributions[f];
        int own = tables.branchStart[node] + (isLeft ? 0 : q);
        for (int i = 0; i < q; i++) {
            double whenTaken = kappa[own + i];
            double whenSkipped = skippedKappa[i];
            int o = i * rows;
            if (isLeft) {
                for (int r = 0; r < rows; r++) {
                    double s = scale * childS[o + r];
                    nodeS[o + r] = s;
                    attribution[o + r] += (taken[r] * whenTaken + skipped[r] * whenSkipped) * s;
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    double s = scale * childS[o + r];
                    nodeS[o + r] += s;
                    attribution[o + r] += (taken[r] * whenTaken + skipped[r] * whenSkipped) * s;
                }
            }
        }
    }
}
