package com.example.credit.core.shap;

import java.util.function.Function;

/**
 * Interventional Shapley values by enumerating every coalition: {@code v(S)} is the mean over the background rows
 * {@code b} of the score of the hybrid row {@code (x_S, b_rest)}, scored by whatever the test passes (LightGBM's own
 * raw scores), and {@code phi_i} is the Shapley formula summed over all {@code 2^(n-1)} coalitions without {@code i}.
 * Exponential in the number of features, so only for small models; an independent oracle for
 * {@link InterventionalShap}, sharing none of its code.
 */
final class InterventionalBruteForce {

    private final Function<double[][], double[]> scores;

    /** An oracle scoring hybrid rows in batches with {@code scores} (one score per row). */
    InterventionalBruteForce(Function<double[][], double[]> scores) {
        this.scores = scores;
    }

    /** The Shapley values of the game {@code v(S) = mean over b of f(x_S, b_rest)}, one per feature. */
    double[] shapleyValues(double[] x, double[][] background) {
        int n = x.length;
        int coalitions = 1 << n;
        double[][] hybrids = new double[coalitions * background.length][];
        for (int s = 0; s < coalitions; s++) {
            for (int b = 0; b < background.length; b++) {
                double[] hybrid = background[b].clone();
                for (int f = 0; f < n; f++) {
                    if ((s & (1 << f)) != 0) {
                        hybrid[f] = x[f];
                    }
                }
                hybrids[s * background.length + b] = hybrid;
            }
        }
        double[] scored = scores.apply(hybrids);
        double[] value = new double[coalitions];
        for (int s = 0; s < coalitions; s++) {
            double sum = 0;
            for (int b = 0; b < background.length; b++) {
                sum += scored[s * background.length + b];
            }
            value[s] = sum / background.length;
        }
        double[] phi = new double[n];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < coalitions; s++) {
                if ((s & (1 << i)) == 0) {
                    int size = Integer.bitCount(s);
                    phi[i] +=
                            factorial(size) * factorial(n - size - 1) / factorial(n) * (value[s | (1 << i)] - value[s]);
                }
            }
        }
        return phi;
    }

    private static double factorial(int k) {
        double result = 1;
        for (int i = 2; i <= k; i++) {
            result *= i;
        }
        return result;
    }
}
