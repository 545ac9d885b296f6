package com.example.credit.core.shap;

import com.example.credit.core.model.Forest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SHAP interaction values (Lundberg et al., "From local explanations to global understanding with explainable AI
 * for trees", Nature Machine Intelligence 2020, arXiv:1905.04610; first in arXiv:1802.03888): the off-diagonal
 * entry {@code (i, j)} is half the change in feature {@code i}'s SHAP value when feature {@code j} is held present
 * rather than absent, computed by the path walk conditioned on {@code j}; the diagonal is {@code phi_i} minus the
 * rest of its row, so every row sums to that feature's SHAP value.
 *
 * <p>Only the trees that split on {@code j} can change when it is conditioned on, and within them only the
 * subtrees that test it ({@link PathWalker#walkConditioned}), so both are skipped. Immutable and shared by all
 * threads; the scratch space is the caller's {@link Workspace}.
 */
final class InteractionValues {

    // Per feature: the trees that split on it, in tree order.
    private final int[][] treesByFeature;
    // The features some tree splits on: the others interact with nothing.
    private final int[] usedFeatures;

    InteractionValues(Forest forest) {
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
     * Writes the interaction values of {@code row} into {@code out} ({@code n x n}, overwritten), given the row's
     * SHAP values {@code phi}.
     */
    void write(double[] row, double[] phi, double[][] out, Workspace workspace) {
        int n = out.length;
        for (double[] outRow : out) {
            Arrays.fill(outRow, 0.0);
        }
        PathWalker walker = workspace.pathWalker;
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
        closeDiagonal(out, phi, n);
    }

    /**
     * Sets each diagonal entry so that its row sums to the feature's SHAP value: {@code out[i][i] = phi[i] - sum of
     * the row's other entries}.
     */
    static void closeDiagonal(double[][] out, double[] phi, int n) {
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
