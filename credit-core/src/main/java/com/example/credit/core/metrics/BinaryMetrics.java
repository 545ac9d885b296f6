package com.example.credit.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Quality measures of a binary classifier's scores, computed here rather than by a library so that training's
 * recorded metrics and the dataset report's figures are the same numbers, reproducibly.
 */
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
     * @throws IllegalArgumentException when lengths differ, a score is NaN or one class is absent (the AUC is
     *     undefined then)
     */
    public static double auc(double[] scores, boolean[] labels) {
        long positives = requireBothClasses(scores, labels);
        Integer[] order = ascending(scores);
        double positiveRankSum = 0;
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end + 1 < order.length && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            // Ranks are 1-based; a run of ties from start to end shares their mean rank.
            double averageRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                if (labels[order[k]]) {
                    positiveRankSum += averageRank;
                }
            }
            start = end + 1;
        }
        long negatives = scores.length - positives;
        double u = positiveRankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    /**
     * The ROC curve: one point per distinct score from the highest down, starting at (0, 0) and ending at (1, 1).
     * Tied scores move the curve diagonally, which is what makes its area equal {@link #auc}.
     *
     * @throws IllegalArgumentException under the same conditions as {@link #auc}
     */
    public static List<RocPoint> roc(double[] scores, boolean[] labels) {
        long positives = requireBothClasses(scores, labels);
        long negatives = labels.length - positives;
        Integer[] order = ascending(scores);
        List<RocPoint> points = new ArrayList<>();
        points.add(new RocPoint(0, 0, Double.POSITIVE_INFINITY));
        long truePositives = 0;
        long falsePositives = 0;
        int i = order.length - 1;
        while (i >= 0) {
            double threshold = scores[order[i]];
            while (i >= 0 && scores[order[i]] == threshold) {
                if (labels[order[i]]) {
                    truePositives++;
                } else {
                    falsePositives++;
                }
                i--;
            }
            points.add(
                    new RocPoint((double) falsePositives / negatives, (double) truePositives / positives, threshold));
        }
        return List.copyOf(points);
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
            requireProbability(p, i);
            double clipped = Math.min(Math.max(p, EPSILON), 1 - EPSILON);
            sum -= labels[i] ? Math.log(clipped) : Math.log(1 - clipped);
        }
        return sum / probabilities.length;
    }

    /**
     * The Brier score: the mean squared difference between the predicted probability and the outcome (1 for the
     * positive class). 0 is perfect; always predicting the base rate p scores p(1 − p).
     *
     * @throws IllegalArgumentException when lengths differ, there are no rows or a probability is outside [0, 1]
     */
    public static double brier(double[] probabilities, boolean[] labels) {
        requireSameLength(probabilities, labels);
        if (probabilities.length == 0) {
            throw new IllegalArgumentException("the Brier score needs at least one row");
        }
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            requireProbability(p, i);
            double error = p - (labels[i] ? 1 : 0);
            sum += error * error;
        }
        return sum / probabilities.length;
    }

    /**
     * The reliability table: {@code bins} equal-width bins over [0, 1] of the predicted probability, each with its
     * row count, mean prediction and observed positive rate (see {@link ReliabilityBin}); every bin is listed, empty
     * ones included.
     *
     * @throws IllegalArgumentException when lengths differ, bins is below 1 or a probability is outside [0, 1]
     */
    public static List<ReliabilityBin> reliability(double[] probabilities, boolean[] labels, int bins) {
        requireSameLength(probabilities, labels);
        if (bins < 1) {
            throw new IllegalArgumentException("bins is " + bins + ", must be at least 1");
        }
        long[] counts = new long[bins];
        double[] predicted = new double[bins];
        long[] positives = new long[bins];
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            requireProbability(p, i);
            int bin = Math.min((int) (p * bins), bins - 1);
            counts[bin]++;
            predicted[bin] += p;
            positives[bin] += labels[i] ? 1 : 0;
        }
        List<ReliabilityBin> table = new ArrayList<>(bins);
        for (int bin = 0; bin < bins; bin++) {
            double lower = (double) bin / bins;
            double upper = bin == bins - 1 ? 1.0 : (double) (bin + 1) / bins;
            table.add(
                    counts[bin] == 0
                            ? new ReliabilityBin(lower, upper, 0, Double.NaN, Double.NaN)
                            : new ReliabilityBin(
                                    lower,
                                    upper,
                                    counts[bin],
                                    predicted[bin] / counts[bin],
                                    positives[bin] / (double) counts[bin]));
        }
        return List.copyOf(table);
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

    private static Integer[] ascending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, k -> k);
        Arrays.sort(order, Comparator.comparingDouble(k -> scores[k]));
        return order;
    }

    /** Checks the inputs of the AUC and the ROC curve; returns the number of positives. */
    private static long requireBothClasses(double[] scores, boolean[] labels) {
        requireSameLength(scores, labels);
        long positives = 0;
        for (int k = 0; k < scores.length; k++) {
            if (Double.isNaN(scores[k])) {
                throw new IllegalArgumentException("score " + k + " is NaN; the AUC needs numbers");
            }
            positives += labels[k] ? 1 : 0;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException(
                    "the AUC needs both classes; got " + positives + " positive and " + negatives + " negative rows");
        }
        return positives;
    }

    private static void requireSameLength(double[] values, boolean[] labels) {
        if (values.length != labels.length) {
            throw new IllegalArgumentException(
                    values.length + " predictions but " + labels.length + " labels; need one a row");
        }
    }

    /**
     * One point of a ROC curve.
     *
     * @param falsePositiveRate the share of negatives at or above the threshold
     * @param truePositiveRate the share of positives at or above the threshold
     * @param threshold the score threshold (positive infinity for the origin)
     */
    public record RocPoint(double falsePositiveRate, double truePositiveRate, double threshold) {}

    private static void requireProbability(double p, int row) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability " + p + " at row " + row + " is outside [0, 1]");
        }
    }
}
