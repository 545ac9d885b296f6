package com.example.credit.batch.runs;

import java.util.List;

/**
 * A beeswarm sample of a run ({@link RunIndex#beeswarm}): the same seeded, score-stratified rows for each of the
 * most important features, each point with its SHAP value and its value's position in the feature's distribution
 * (for the colour).
 *
 * @param seed the sampler's seed: the same seed, the same rows
 * @param population the run's applicants
 * @param rows the sampled rows, in batch output order
 * @param features the top features by mean |φ|, most important first
 */
public record Beeswarm(long seed, int population, int[] rows, List<FeaturePoints> features) {

    /** Numeric features: the value's mid-rank among the run's sketched value quantiles. */
    public static final String VALUE_RANK = "value_rank";

    /** Categorical features: the category's mid-rank in the run's value counts, categories in the schema's order. */
    public static final String CATEGORY_RANK = "category_rank";

    public Beeswarm {
        features = List.copyOf(features);
    }

    /**
     * One feature's points, in the order of {@code rows}.
     *
     * @param feature the feature's name
     * @param meanAbsPhi its mean |φ| over the run
     * @param categories its categories when categorical (values are then their codes), else empty
     * @param colouring {@value #VALUE_RANK} or {@value #CATEGORY_RANK}: what {@code position} is
     * @param phi the SHAP values
     * @param values the values (a category's code; NaN when missing)
     * @param position the value's position in the feature's distribution, 0 (lowest) to 1 (highest); NaN when
     *     missing
     */
    public record FeaturePoints(
            String feature,
            double meanAbsPhi,
            List<String> categories,
            String colouring,
            float[] phi,
            float[] values,
            float[] position) {

        public FeaturePoints {
            categories = List.copyOf(categories);
        }
    }

    /**
     * The position of a value among sorted quantiles q_0 ≤ ... ≤ q_m, from 0 to 1: the middle of the quantiles it
     * equals ((first + last index) / 2 / m), linear between the two it falls between, 0 below q_0 and 1 above q_m;
     * NaN for a missing value or an empty sketch.
     */
    static float quantileRank(float value, float[] quantiles) {
        int m = quantiles.length - 1;
        if (Float.isNaN(value) || m < 0) {
            return Float.NaN;
        }
        if (m == 0) {
            return 0.5f;
        }
        int below = 0;
        int upTo = 0;
        for (float q : quantiles) {
            below += q < value ? 1 : 0;
            upTo += q <= value ? 1 : 0;
        }
        if (upTo > below) {
            return (below + upTo - 1) / 2f / m;
        }
        if (below == 0) {
            return 0;
        }
        if (below > m) {
            return 1;
        }
        float low = quantiles[below - 1];
        float high = quantiles[below];
        return (below - 1 + (value - low) / (high - low)) / m;
    }

    /**
     * Each category's mid-rank in the value counts with categories in their code order: (the count of earlier
     * categories + half its own) / the total; NaN for every category when there is no count.
     */
    static float[] categoryRanks(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        float[] ranks = new float[counts.length];
        long before = 0;
        for (int code = 0; code < counts.length; code++) {
            ranks[code] = total == 0 ? Float.NaN : (float) ((before + counts[code] / 2.0) / total);
            before += counts[code];
        }
        return ranks;
    }
}
