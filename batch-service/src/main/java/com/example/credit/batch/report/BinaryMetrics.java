package com.example.credit.batch.report;

import com.example.credit.batch.ReportException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** AUC and ROC curve of scores against binary labels. */
public final class BinaryMetrics {

    private BinaryMetrics() {}

    /**
     * The area under the ROC curve by ranks (Mann-Whitney U): the probability that a random positive scores above
     * a random negative, tied scores counting one half (their ranks are averaged).
     *
     * @throws ReportException when the lengths differ or one class is missing
     */
    public static double auc(double[] scores, boolean[] labels) {
        requireBothClasses(scores, labels);
        Integer[] order = order(scores);
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            // Ranks i+1 .. j+1 share their mean.
            double rank = (i + j + 2) / 2.0;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]]) {
                    positiveRankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * The ROC curve: one point per distinct score from the highest down, starting at (0, 0) and ending at (1, 1).
     * Tied scores move the curve diagonally, which is what makes its area equal {@link #auc}.
     */
    public static List<RocPoint> roc(double[] scores, boolean[] labels) {
        requireBothClasses(scores, labels);
        long positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        long negatives = labels.length - positives;
        Integer[] order = order(scores);
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

    private static Integer[] order(double[] scores) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, k -> k);
        Arrays.sort(order, Comparator.comparingDouble(k -> scores[k]));
        return order;
    }

    private static void requireBothClasses(double[] scores, boolean[] labels) {
        if (scores.length != labels.length) {
            throw new ReportException(
                    "AUC needs one label per score: " + scores.length + " scores, " + labels.length + " labels");
        }
        boolean positive = false;
        boolean negative = false;
        for (int k = 0; k < scores.length; k++) {
            if (Double.isNaN(scores[k])) {
                throw new ReportException("score " + k + " is NaN; AUC needs numbers");
            }
            positive |= labels[k];
            negative |= !labels[k];
        }
        if (!positive || !negative) {
            throw new ReportException("AUC needs both defaulted and repaid credits among the " + labels.length
                    + " labelled records, found only " + (positive ? "defaulted" : "repaid") + " ones");
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
}
