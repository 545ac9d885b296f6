package com.example.credit.core.calibration;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * How a raw score (log-odds) becomes the probability of default that is shown and reasoned about. {@link None}
 * is the model's own sigmoid; {@link Platt} and {@link Isotonic} correct it so that predicted probabilities match
 * observed default rates. Every mapping is non-decreasing in the raw score, so rankings (and AUC, for Platt) do not
 * change and SHAP values stay exact on the raw score.
 */
public sealed interface ProbabilityCalibration {

    /** The probability of default for a raw score. */
    double probability(double rawScore);

    /** The method's name as model.json and responses carry it: none, platt or isotonic. */
    String method();

    /** No calibration: the logistic sigmoid of the raw score. */
    record None() implements ProbabilityCalibration {

        @Override
        public double probability(double rawScore) {
            return 1 / (1 + Math.exp(-rawScore));
        }

        @Override
        public String method() {
            return "none";
        }
    }

    /**
     * Platt scaling: {@code 1 / (1 + exp(-(slope * raw + intercept)))}.
     *
     * @param slope the fitted slope, positive for a model better than chance
     * @param intercept the fitted intercept
     */
    record Platt(double slope, double intercept) implements ProbabilityCalibration {

        public Platt {
            if (!Double.isFinite(slope) || !Double.isFinite(intercept) || slope < 0) {
                throw new IllegalArgumentException(
                        "Platt slope " + slope + " and intercept " + intercept + " must be finite, slope >= 0");
            }
        }

        @Override
        public double probability(double rawScore) {
            return 1 / (1 + Math.exp(-(slope * rawScore + intercept)));
        }

        @Override
        public String method() {
            return "platt";
        }
    }

    /**
     * Isotonic regression: a non-decreasing step function of the raw score, here linear between the fitted points
     * and constant beyond the first and last.
     *
     * @param scores the raw scores of the fitted points, strictly increasing
     * @param probabilities the calibrated probability at each point, non-decreasing, in [0, 1]
     */
    record Isotonic(double[] scores, double[] probabilities) implements ProbabilityCalibration {

        public Isotonic {
            scores = scores.clone();
            probabilities = probabilities.clone();
            if (scores.length == 0 || scores.length != probabilities.length) {
                throw new IllegalArgumentException("isotonic calibration needs as many probabilities as scores, at"
                        + " least one; got " + scores.length + " and " + probabilities.length);
            }
            for (int i = 0; i < scores.length; i++) {
                if (!(probabilities[i] >= 0 && probabilities[i] <= 1) || !Double.isFinite(scores[i])) {
                    throw new IllegalArgumentException("isotonic point " + i + " (" + scores[i] + ", "
                            + probabilities[i] + ") needs a finite score and a probability in [0, 1]");
                }
                if (i > 0 && (scores[i] <= scores[i - 1] || probabilities[i] < probabilities[i - 1])) {
                    throw new IllegalArgumentException("isotonic point " + i + " breaks the order: scores must"
                            + " increase strictly and probabilities must not decrease");
                }
            }
        }

        @Override
        public double[] scores() {
            return scores.clone();
        }

        @Override
        public double[] probabilities() {
            return probabilities.clone();
        }

        @Override
        public double probability(double rawScore) {
            if (rawScore <= scores[0]) {
                return probabilities[0];
            }
            int last = scores.length - 1;
            if (rawScore >= scores[last]) {
                return probabilities[last];
            }
            int upper = Arrays.binarySearch(scores, rawScore);
            if (upper >= 0) {
                return probabilities[upper];
            }
            upper = -upper - 1;
            int lower = upper - 1;
            double t = (rawScore - scores[lower]) / (scores[upper] - scores[lower]);
            return probabilities[lower] + t * (probabilities[upper] - probabilities[lower]);
        }

        @Override
        public String method() {
            return "isotonic";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Isotonic that
                    && Arrays.equals(scores, that.scores)
                    && Arrays.equals(probabilities, that.probabilities);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(scores) + Arrays.hashCode(probabilities);
        }

        @Override
        public String toString() {
            return "Isotonic[" + scores.length + " points]";
        }
    }

    /**
     * Platt scaling fitted by Newton's method on the log loss, with Platt's smoothed targets
     * ({@code (n+ + 1) / (n+ + 2)} for positives, {@code 1 / (n- + 2)} for negatives) against overconfidence
     * (Platt 1999; Lin, Lin and Weng 2007, "A note on Platt's probabilistic outputs for support vector machines").
     *
     * @param rawScores out-of-sample raw scores
     * @param labels their outcomes
     * @throws IllegalArgumentException when lengths differ or a class is missing
     */
    static Platt fitPlatt(double[] rawScores, boolean[] labels) {
        requireBothClasses(rawScores, labels);
        int positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        int negatives = labels.length - positives;
        double high = (positives + 1.0) / (positives + 2.0);
        double low = 1.0 / (negatives + 2.0);
        double a = 1;
        double b = 0;
        for (int iteration = 0; iteration < 100; iteration++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-12;
            double hab = 0;
            double hbb = 1e-12;
            for (int i = 0; i < rawScores.length; i++) {
                double p = 1 / (1 + Math.exp(-(a * rawScores[i] + b)));
                double error = p - (labels[i] ? high : low);
                double weight = p * (1 - p);
                ga += error * rawScores[i];
                gb += error;
                haa += weight * rawScores[i] * rawScores[i];
                hab += weight * rawScores[i];
                hbb += weight;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-12 && Math.abs(db) < 1e-12) {
                break;
            }
        }
        return new Platt(Math.max(a, 0), b);
    }

    /**
     * Isotonic regression by pool-adjacent-violators on the outcomes sorted by raw score. Rows with the same raw
     * score are pooled first (out-of-fold scores tie often); each pooled block becomes one point at its lowest and
     * one at its highest distinct score (one point when it has one score), as scikit-learn does, with the block's
     * default rate clamped to {@code [1 / (n + 2), (n + 1) / (n + 2)]} so that no probability is exactly 0 or 1.
     *
     * @throws IllegalArgumentException when lengths differ or a class is missing
     */
    static Isotonic fitIsotonic(double[] rawScores, boolean[] labels) {
        requireBothClasses(rawScores, labels);
        Integer[] order = new Integer[rawScores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> rawScores[i]));
        int n = order.length;
        // Blocks of distinct scores: [first, last] score, positives and rows.
        double[] first = new double[n];
        double[] last = new double[n];
        double[] positives = new double[n];
        int[] count = new int[n];
        int blocks = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            double score = rawScores[i];
            if (blocks > 0 && last[blocks - 1] == score) {
                positives[blocks - 1] += labels[i] ? 1 : 0;
                count[blocks - 1]++;
            } else {
                first[blocks] = score;
                last[blocks] = score;
                positives[blocks] = labels[i] ? 1 : 0;
                count[blocks] = 1;
                blocks++;
            }
            // Pool while the previous block's rate is not below this one's (compared without division).
            while (blocks > 1
                    && positives[blocks - 2] * count[blocks - 1] >= positives[blocks - 1] * count[blocks - 2]) {
                last[blocks - 2] = last[blocks - 1];
                positives[blocks - 2] += positives[blocks - 1];
                count[blocks - 2] += count[blocks - 1];
                blocks--;
            }
        }
        double low = 1.0 / (n + 2);
        double high = (n + 1.0) / (n + 2);
        double[] scores = new double[2 * blocks];
        double[] probabilities = new double[2 * blocks];
        int points = 0;
        for (int k = 0; k < blocks; k++) {
            double rate = Math.min(Math.max(positives[k] / count[k], low), high);
            scores[points] = first[k];
            probabilities[points++] = rate;
            if (last[k] > first[k]) {
                scores[points] = last[k];
                probabilities[points++] = rate;
            }
        }
        return new Isotonic(Arrays.copyOf(scores, points), Arrays.copyOf(probabilities, points));
    }

    /**
     * Fits the named method.
     *
     * @param method none, platt or isotonic
     * @throws IllegalArgumentException for another method, differing lengths or a missing class
     */
    static ProbabilityCalibration fit(String method, double[] rawScores, boolean[] labels) {
        Objects.requireNonNull(method, "method");
        return switch (method) {
            case "none" -> new None();
            case "platt" -> fitPlatt(rawScores, labels);
            case "isotonic" -> fitIsotonic(rawScores, labels);
            default ->
                throw new IllegalArgumentException(
                        "calibration method '" + method + "' is not one of [none, platt, isotonic]");
        };
    }

    private static void requireBothClasses(double[] rawScores, boolean[] labels) {
        if (rawScores.length != labels.length) {
            throw new IllegalArgumentException(rawScores.length + " scores but " + labels.length + " labels");
        }
        boolean positive = false;
        boolean negative = false;
        for (boolean label : labels) {
            positive |= label;
            negative |= !label;
        }
        if (!positive || !negative) {
            throw new IllegalArgumentException(
                    "calibration needs defaulted and repaid credits among the " + labels.length + " rows");
        }
    }
}
