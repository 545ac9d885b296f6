package com.example.credit.core.shap;

import com.example.credit.core.model.Forest;
import java.util.Arrays;

/**
 * The walk of {@link QuadratureShap} for a block of up to {@link #BLOCK} rows at once. The quadrature visits every
 * node of a tree whatever the row, so rows differ only in the 0/1 one fractions: one walk serves the whole block,
 * and the per-node work becomes loops over the rows of the block that the JIT vectorises. Values are kept
 * point-major ({@code [point * rows + row]}, dense for any number of rows).
 *
 * <p>Every row gets exactly the bits {@link QuadratureShap.Walker} gives it alone: the one fractions select terms
 * by multiplying with 0 or 1 (exact), and every product and sum is evaluated in the same order. Not thread-safe;
 * one per thread.
 */
final class QuadratureBlockWalker {

    /** Rows per block. */
    static final int BLOCK = 128;

    private final Forest forest;
    private final int[] points;
    private final double[][] nodes;
    private final double[][] complements;
    private final double[][] absentWeights;
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
    private final int maxPoints;
    // Per depth: P at the node (down) and S of its subtree (up), point-major.
    private final double[][] down;
    private final double[][] up;
    // Per depth, per row: 1 if the row is present for the node's feature (took every earlier split on it), and 1 if
    // it is present and takes the left / right branch. Per depth so the recursion keeps its parents' values.
    private final double[][] present;
    private final double[][] absent;
    private final double[][] takesLeft;
    private final double[][] takesRight;
    private final double[][] savedPresence;
    // Per feature, per row: 1 while the row is present for the feature on the current path.
    private final double[][] presence;
    // Per feature: the attributions of each row at each point, point-major.
    private final double[][] attributions;
    // The block's values, feature-major, so a node's decisions read one short array.
    private final double[] values;
    private final boolean[] decisions = new boolean[BLOCK];

    private int rows;
    private int q;
    private double[] t;
    private double[] u;
    private double[] absentW;

    QuadratureBlockWalker(QuadratureShap shap) {
        this.forest = shap.forest;
        this.points = shap.points;
        this.nodes = shap.nodes;
        this.complements = shap.complements;
        this.absentWeights = shap.absentWeights;
        this.maxPoints = shap.maxPoints;
        this.ones = new double[maxPoints];
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
        int numFeatures = forest.numFeatures();
        this.down = new double[levels][maxPoints * BLOCK];
        this.up = new double[levels][maxPoints * BLOCK];
        this.present = new double[levels][BLOCK];
        this.absent = new double[levels][BLOCK];
        this.takesLeft = new double[levels][BLOCK];
        this.takesRight = new double[levels][BLOCK];
        this.savedPresence = new double[levels][BLOCK];
        this.presence = new double[numFeatures][BLOCK];
        this.attributions = new double[numFeatures][maxPoints * BLOCK];
        this.values = new double[numFeatures * BLOCK];
    }

    /** Starts a block: rows {@code first} to {@code first + count - 1} of {@code block}, at most {@link #BLOCK}. */
    void begin(double[][] block, int first, int count) {
        if (count < 1 || count > BLOCK) {
            throw new IllegalArgumentException("a block holds 1 to " + BLOCK + " rows, got " + count);
        }
        this.rows = count;
        int numFeatures = presence.length;
        for (int f = 0; f < numFeatures; f++) {
            Arrays.fill(attributions[f], 0, maxPoints * count, 0.0);
            Arrays.fill(presence[f], 1.0);
            for (int r = 0; r < count; r++) {
                values[f * BLOCK + r] = block[first + r][f];
            }
        }
    }

    /** Ends a block: adds what its trees attributed to each feature to {@code out[first + r]}. */
    void finish(double[][] out, int first) {
        for (int f = 0; f < attributions.length; f++) {
            double[] perPoint = attributions[f];
            for (int r = 0; r < rows; r++) {
                // Summed over all points in order, as QuadratureShap.Walker sums a row.
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
        q = points[tree];
        t = nodes[q];
        u = complements[q];
        absentW = absentWeights[q];
        Arrays.fill(down[0], 0, q * rows, 1.0);
        visit(root, 0);
    }

    private void visit(int node, int depth) {
        int f = feature[node];
        double[] isPresent = present[depth];
        double[] isAbsent = absent[depth];
        double[] goLeft = takesLeft[depth];
        double[] goRight = takesRight[depth];
        double[] presenceOfF = presence[f];
        int valueBase = f * BLOCK;
        boolean[] decisions = this.decisions;
        forest.goesLeft(node, values, valueBase, rows, decisions);
        for (int r = 0; r < rows; r++) {
            double p = presenceOfF[r];
            boolean goesLeft = decisions[r];
            isPresent[r] = p;
            isAbsent[r] = 1.0 - p;
            goLeft[r] = goesLeft ? p : 0.0;
            goRight[r] = goesLeft ? 0.0 : p;
        }
        branch(node, true, depth, goLeft, goRight, isAbsent);
        branch(node, false, depth, goRight, goLeft, isAbsent);
        int earlier = earlierStart[node];
        if (earlier >= 0) {
            double[] s = up[depth];
            double[] attribution = attributions[f];
            for (int i = 0; i < q; i++) {
                double k = kappa[earlier + i];
                int o = i * rows;
                for (int r = 0; r < rows; r++) {
                    attribution[o + r] -= isPresent[r] * k * s[o + r];
                }
            }
        }
    }

    /**
     * One branch of a split: {@code takes[r]} is 1 if row {@code r} is present and takes it, {@code skips[r]} 1 if
     * it is present and takes the other branch, {@code absent[r]} 1 if it is not present (exactly one is 1).
     */
    private void branch(int node, boolean isLeft, int depth, double[] takes, double[] skips, double[] absent) {
        double[] parentDown = down[depth];
        double[] childDown = down[depth + 1];
        double[] sum = up[depth];
        int f = feature[node];
        double z = isLeft ? leftZ[node] : rightZ[node];
        double share = isLeft ? leftShare[node] : rightShare[node];
        int earlier = Math.max(earlierStart[node], 0);
        double[] earlierInverse = earlierStart[node] >= 0 ? inverse : ones;
        for (int i = 0; i < q; i++) {
            // The factors QuadratureShap.Walker uses, evaluated the same way: (z u + t) e if taken, (z u + 0) e if
            // skipped, the share if absent; each row selects one by exact multiplications with 0 and 1.
            double zu = z * u[i];
            double whenTaken = (zu + t[i]) * earlierInverse[earlier + i];
            double whenSkipped = (zu + 0.0) * earlierInverse[earlier + i];
            int o = i * rows;
            for (int r = 0; r < rows; r++) {
                double factor = takes[r] * whenTaken + skips[r] * whenSkipped + absent[r] * share;
                childDown[o + r] = parentDown[o + r] * factor;
            }
        }
        int child = isLeft ? left[node] : right[node];
        double[] subtree;
        double scale;
        if (child < 0) {
            subtree = childDown;
            scale = leafValue[~child];
        } else {
            double[] presenceOfF = presence[f];
            double[] saved = savedPresence[depth];
            System.arraycopy(presenceOfF, 0, saved, 0, rows);
            System.arraycopy(takes, 0, presenceOfF, 0, rows);
            visit(child, depth + 1);
            System.arraycopy(saved, 0, presenceOfF, 0, rows);
            subtree = up[depth + 1];
            scale = 1.0;
        }
        double[] attribution = attributions[f];
        int own = branchStart[node] + (isLeft ? 0 : q);
        for (int i = 0; i < q; i++) {
            double whenTaken = kappa[own + i];
            double whenSkipped = absentW[i];
            int o = i * rows;
            if (isLeft) {
                for (int r = 0; r < rows; r++) {
                    double s = scale * subtree[o + r];
                    sum[o + r] = s;
                    attribution[o + r] += (takes[r] * whenTaken + skips[r] * whenSkipped) * s;
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    double s = scale * subtree[o + r];
                    sum[o + r] += s;
                    attribution[o + r] += (takes[r] * whenTaken + skips[r] * whenSkipped) * s;
                }
            }
        }
    }
}
