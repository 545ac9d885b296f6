package com.example.credit.core.shap;

import com.example.credit.core.model.Forest;
import com.example.credit.core.model.LightGbmModel;

/**
 * Shapley values and Shapley interaction values by enumerating every coalition of features, with the
 * path-dependent value function TreeSHAP explains: {@code v(S)} follows the row at splits on features in
 * {@code S} and averages both branches by their training counts elsewhere. Exponential in the number of
 * features, so only for small models; an independent oracle for {@link TreeShap}.
 */
final class BruteForceShapley {

    private final LightGbmModel model;
    private final Forest forest;
    private final int n;

    BruteForceShapley(LightGbmModel model) {
        this.model = model;
        this.forest = model.forest();
        this.n = model.numFeatures();
    }

    /** {@code v(S)} for the coalition given as a bit mask. */
    double value(double[] row, int coalition) {
        double sum = 0;
        for (int t = 0; t < forest.numTrees(); t++) {
            sum += expectation(row, coalition, forest.root(t));
        }
        return sum;
    }

    private double expectation(double[] row, int coalition, int node) {
        if (node < 0) {
            return forest.leafValue(~node);
        }
        int feature = forest.splitFeature(node);
        if ((coalition & (1 << feature)) != 0) {
            return expectation(row, coalition, forest.child(node, row[feature]));
        }
        double left = forest.count(forest.leftChild(node));
        double right = forest.count(forest.rightChild(node));
        return (left * expectation(row, coalition, forest.leftChild(node))
                        + right * expectation(row, coalition, forest.rightChild(node)))
                / forest.count(node);
    }

    /** The Shapley value of every feature. */
    double[] shapleyValues(double[] row) {
        double[] values = coalitionValues(row);
        double[] phi = new double[n];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < 1 << n; s++) {
                if ((s & (1 << i)) == 0) {
                    int size = Integer.bitCount(s);
                    phi[i] += factorial(size)
                            * factorial(n - size - 1)
                            / factorial(n)
                            * (values[s | (1 << i)] - values[s]);
                }
            }
        }
        return phi;
    }

    /** The Shapley interaction index of every pair (halved off the diagonal as in Lundberg et al. 2018). */
    double[][] interactionValues(double[] row) {
        double[] values = coalitionValues(row);
        double[][] phi = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                int pair = (1 << i) | (1 << j);
                for (int s = 0; s < 1 << n; s++) {
                    if ((s & pair) == 0) {
                        int size = Integer.bitCount(s);
                        double weight = factorial(size) * factorial(n - size - 2) / (2 * factorial(n - 1));
                        phi[i][j] +=
                                weight * (values[s | pair] - values[s | (1 << i)] - values[s | (1 << j)] + values[s]);
                    }
                }
            }
        }
        return phi;
    }

    private double[] coalitionValues(double[] row) {
        model.requireRow(row);
        double[] values = new double[1 << n];
        for (int s = 0; s < values.length; s++) {
            values[s] = value(row, s);
        }
        return values;
    }

    private static double factorial(int k) {
        double result = 1;
        for (int i = 2; i <= k; i++) {
            result *= i;
        }
        return result;
    }
}
