package com.example.credit.core.dependence;

import com.example.credit.core.model.Forest;
import com.example.credit.core.model.LightGbmModel;
import java.util.Objects;

/**
 * The exact partial dependence of a model's raw score (log-odds) on each feature over a set of rows: {@code
 * PD_j(v) = (1/n) Σ_rows f(x with x_j = v)}, for any value {@code v}, after one pass over the rows.
 *
 * <p>For a row and a tree, setting {@code x_j} to {@code v} leads to the row's own leaf or to a leaf whose path the
 * row leaves only at splits on {@code j}. {@link #add} walks each tree once per row, following the row's branch and,
 * where the row has not yet left its path or left it at a split on the same feature, the other branch too, so that
 * it visits the row's leaf and, for each feature {@code j}, the leaves reachable by changing {@code x_j} alone; it
 * counts, per leaf, how many rows reach it unchanged and, per feature and leaf, how many reach it by changing that
 * feature. Then {@code PD_j(v) = (1/n) Σ_trees Σ_leaves value · [v's decisions at the path's splits on j lead there]
 * · (own + changed_j)}: {@link #evaluate} walks each tree following {@code v} at splits on {@code j} and both branches
 * elsewhere. Exact (no grid, no sample of rows): the same sum as predicting every row with {@code x_j = v}, up to
 * rounding; decisions are {@link Forest#child}'s, so categorical splits, missing values and zero handling are
 * LightGBM's.
 *
 * <p>Memory: one count per leaf and per (feature, leaf); time per row: one walk per tree that branches at most once
 * per split on the path. Not thread-safe while rows are added.
 */
public final class PartialDependence {

    private final Forest forest;
    private final int numFeatures;
    private final long[] own;
    private final long[][] changed;
    private final int[] stackNode;
    private final int[] stackFeature;
    private long rows;

    private PartialDependence(Forest forest) {
        this.forest = forest;
        this.numFeatures = forest.numFeatures();
        this.own = new long[forest.numLeaves()];
        this.changed = new long[numFeatures][forest.numLeaves()];
        // The branches waiting on the stack belong to splits of the current path: at most the depth.
        int capacity = forest.maxDepth() + 2;
        this.stackNode = new int[capacity];
        this.stackFeature = new int[capacity];
    }

    /** An empty accumulator for this model's trees. */
    public static PartialDependence of(LightGbmModel model) {
        return new PartialDependence(Objects.requireNonNull(model, "model").forest());
    }

    /** The number of rows added. */
    public long rows() {
        return rows;
    }

    /**
     * Adds a row (the model's input vector).
     *
     * @throws DependenceException when the row does not have one value per feature of the model
     */
    public void add(double[] row) {
        if (row.length != numFeatures) {
            throw new DependenceException(
                    "a row of " + row.length + " values; the model has " + numFeatures + " features");
        }
        for (int tree = 0; tree < forest.numTrees(); tree++) {
            int top = 0;
            stackNode[top] = forest.root(tree);
            stackFeature[top++] = -1;
            while (top > 0) {
                int node = stackNode[--top];
                int offPathAt = stackFeature[top];
                while (node >= 0) {
                    int feature = forest.splitFeature(node);
                    int taken = forest.child(node, row[feature]);
                    if (offPathAt < 0 || offPathAt == feature) {
                        // Changing this feature alone (or, off the row's path already, still only it) reaches the
                        // other branch too.
                        stackNode[top] =
                                taken == forest.leftChild(node) ? forest.rightChild(node) : forest.leftChild(node);
                        stackFeature[top++] = feature;
                    }
                    node = taken;
                }
                if (offPathAt < 0) {
                    own[~node]++;
                } else {
                    changed[offPathAt][~node]++;
                }
            }
        }
        rows++;
    }

    /**
     * The mean raw score of the rows added with feature {@code feature} set to {@code value}.
     *
     * @throws DependenceException when no row was added or the feature is not the model's
     */
    public double evaluate(int feature, double value) {
        if (feature < 0 || feature >= numFeatures) {
            throw new DependenceException(
                    "feature " + feature + " is not one of the model's " + numFeatures + " features");
        }
        if (rows == 0) {
            throw new DependenceException("no partial dependence without rows: add at least one row first");
        }
        long[] changedHere = changed[feature];
        int[] stack = new int[forest.maxDepth() + 2];
        double sum = 0.0;
        for (int tree = 0; tree < forest.numTrees(); tree++) {
            int top = 0;
            stack[top++] = forest.root(tree);
            double treeSum = 0.0;
            while (top > 0) {
                int node = stack[--top];
                while (node >= 0) {
                    if (forest.splitFeature(node) == feature) {
                        node = forest.child(node, value);
                    } else {
                        stack[top++] = forest.rightChild(node);
                        node = forest.leftChild(node);
                    }
                }
                long count = own[~node] + changedHere[~node];
                if (count != 0) {
                    treeSum += forest.leafValue(~node) * count;
                }
            }
            sum += treeSum;
        }
        return sum / rows;
    }
}
