package com.example.credit.training.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Quality measures of a binary classifier's scores, computed here so that every number is reproducible. */
public final class BinaryMetrics {

    /** Probabilities are clipped to [EPSILON, 1 - EPSILON] in the log loss, as scikit-learn does. */
    static final double EPSILON = 1e-15;

    private BinaryMetrics() {}

    /**
     * The area under the ROC curve: the probability that a random positive scores above a random negative,
     * counting ties as one half. Computed from ranks (Mann–Whitney U), tied scores sharing their average rank.
     *
     * @param scores any monotone score, higher meaning more likely positive
     * @param labels true for the positive class
     * @throws IllegalArgumentException when lengths differ or one class is absent (the AUC is undefined)
     */
    public static double auc(double[] scores, boolean[] labels) {
        requireSameLength(scores, labels);
        int n = scores.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double positiveRankSum = 0;
        long positives = 0;
        int start = 0;
        while (start < n) {
            int end = start;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            // Ranks are 1-based; a run of ties from start to end shares their mean rank.
            double averageRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                if (labels[order[k]]) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException(
                    "the AUC needs both classes; got " + positives + " positive and " + negatives + " negative rows");
        }
        double u = positiveRankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    /**
     * The mean negative log-likelihood of the labels under the predicted probabilities (natural log).
     *
     * @param probabilities predicted probabilities of the positive class, each in [0, 1]
     * @param labels true for the positive class
     * @throws IllegalArgumentException when lengths differ, there are no rows or a probability is outside [0, 1]
     */
    public static double logLoss(double[] probabilities, boolean[] labels) {
        requireSameLength(probabilities, labels);
        if (probabilities.length == 0) {
            throw new IllegalArgumentException("the log loss needs at least one row");
        }
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability " + p + " at row " + i + " is outside [0, 1]");
            }
            double clipped = Math.min(Math.max(p, EPSILON), 1 - EPSILON);
            sum -= labels[i] ? Math.log(clipped) : Math.log(1 - clipped);
        }
        return sum / probabilities.length;
    }

    /** The arithmetic mean. */
    public static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    /** The population standard deviation (divides by n, as numpy's std does). */
    public static double standardDeviation(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / values.length);
    }

    private static void requireSameLength(double[] values, boolean[] labels) {
        if (values.length != labels.length) {
            throw new IllegalArgumentException(
                    values.length + " predictions but " + labels.length + " labels; need one a row");
        }
    }
}
