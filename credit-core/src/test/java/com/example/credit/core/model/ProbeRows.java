package com.example.credit.core.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Rows that probe every decision rule of a model: rows from the training distribution with special values
 * mixed in (NaN, zeros of both signs, values within LightGBM's zero threshold, infinities; for categorical
 * features unseen, negative, fractional and huge codes), plus rows placing a feature exactly on, just below and
 * just above every numerical threshold, and on both sides of every categorical bitset.
 */
public final class ProbeRows {

    private static final double ZERO_THRESHOLD = 1e-35f;
    private static final double[] NUMERIC_SPECIALS = {
        Double.NaN,
        0.0,
        -0.0,
        1e-36,
        -1e-36,
        ZERO_THRESHOLD,
        -ZERO_THRESHOLD,
        Math.nextUp(ZERO_THRESHOLD),
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        1e300,
        -1e300
    };
    private static final double[] CATEGORY_SPECIALS = {
        Double.NaN, -1, -3, -0.5, 0.0, -0.0, 2.7, 31, 32, 33, 63, 64, 1000, 1e10, -1e10, Double.POSITIVE_INFINITY
    };
    private static final int MAX_THRESHOLDS = 700;

    private ProbeRows() {}

    /** At least {@code sampled} distribution rows plus the threshold and category probes of {@code model}. */
    public static double[][] of(Scenario scenario, LightGbmModel model, int sampled, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> rows = new ArrayList<>();
        for (int r = 0; r < sampled; r++) {
            double[] row = scenario.sample(random);
            for (int f = 0; f < row.length; f++) {
                if (random.nextDouble() < 0.08) {
                    double[] specials = scenario.isCategorical(f) ? CATEGORY_SPECIALS : NUMERIC_SPECIALS;
                    row[f] = specials[random.nextInt(specials.length)];
                }
            }
            rows.add(row);
        }
        List<double[]> thresholds = numericalThresholds(model);
        for (int i = thresholds.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double[] swap = thresholds.get(i);
            thresholds.set(i, thresholds.get(j));
            thresholds.set(j, swap);
        }
        for (double[] threshold : thresholds.subList(0, Math.min(MAX_THRESHOLDS, thresholds.size()))) {
            int feature = (int) threshold[0];
            for (double value : new double[] {threshold[1], Math.nextDown(threshold[1]), Math.nextUp(threshold[1])}) {
                double[] row = scenario.sample(random);
                row[feature] = value;
                rows.add(row);
            }
        }
        for (Tree tree : model.trees()) {
            for (Split split : tree.splits()) {
                if (split.condition() instanceof SplitCondition.Categorical categorical) {
                    List<Integer> left = categorical.leftCategories();
                    double[] inside = scenario.sample(random);
                    inside[split.feature()] = left.isEmpty() ? 0 : left.get(random.nextInt(left.size()));
                    double[] outside = scenario.sample(random);
                    outside[split.feature()] = firstMissing(left);
                    rows.add(inside);
                    rows.add(outside);
                }
            }
        }
        return rows.toArray(double[][]::new);
    }

    /** {@code count} rows spread evenly over {@code rows}, so that a subset still mixes every kind of probe. */
    public static double[][] spread(double[][] rows, int count) {
        if (rows.length <= count) {
            return rows;
        }
        double[][] subset = new double[count][];
        for (int i = 0; i < count; i++) {
            subset[i] = rows[(int) ((long) i * rows.length / count)];
        }
        return subset;
    }

    private static List<double[]> numericalThresholds(LightGbmModel model) {
        Set<String> seen = new LinkedHashSet<>();
        List<double[]> result = new ArrayList<>();
        for (Tree tree : model.trees()) {
            for (Split split : tree.splits()) {
                if (split.condition() instanceof SplitCondition.Numerical numerical
                        && seen.add(split.feature() + ":" + numerical.threshold())) {
                    result.add(new double[] {split.feature(), numerical.threshold()});
                }
            }
        }
        return result;
    }

    private static int firstMissing(List<Integer> categories) {
        int candidate = 0;
        while (categories.contains(candidate)) {
            candidate++;
        }
        return candidate;
    }
}
