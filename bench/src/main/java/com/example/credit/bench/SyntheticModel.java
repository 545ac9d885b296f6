package com.example.credit.bench;

import java.util.SplittableRandom;

/**
 * A larger model than the credit model, trained by the benchmark setup on seeded random data: 40 features, the
 * first four categorical (4, 9, 17 and 33 categories, so LightGBM makes both one-vs-rest and bitset splits),
 * a label that depends on most features with interactions, so every tree grows to its full number of leaves.
 *
 * @param name the model's name in reports and folder names
 * @param trees the number of boosting rounds (one tree each)
 * @param leaves the number of leaves per tree
 * @param rows the number of training rows
 */
public record SyntheticModel(String name, int trees, int leaves, int rows) {

    /** The number of features of every synthetic model. */
    public static final int NUM_FEATURES = 40;

    /** The categorical features' category counts, features 0 to 3. */
    static final int[] CATEGORIES = {4, 9, 17, 33};

    /** 300 trees of 31 leaves. */
    public static final SyntheticModel TREES_300_LEAVES_31 = new SyntheticModel("trees300x31", 300, 31, 20_000);

    /** 500 trees of 63 leaves. */
    public static final SyntheticModel TREES_500_LEAVES_63 = new SyntheticModel("trees500x63", 500, 63, 30_000);

    public SyntheticModel {
        if (name == null || name.isBlank()) {
            throw new BenchException("a synthetic model needs a name");
        }
        if (trees < 1 || leaves < 2 || rows < 100 * leaves) {
            throw new BenchException("model " + name + ": " + trees + " trees of " + leaves + " leaves on " + rows
                    + " rows; needs at least 1 tree, 2 leaves and 100 rows per leaf");
        }
    }

    /** LightGBM training parameters: one thread, deterministic, native categorical features. */
    public String parameters() {
        return "objective=binary num_threads=1 deterministic=true force_col_wise=true seed=7 verbosity=-1"
                + " learning_rate=0.05 max_depth=-1 min_data_in_leaf=20 num_leaves=" + leaves
                + " categorical_feature=0,1,2,3 max_cat_to_onehot=4 cat_smooth=1 min_data_per_group=20";
    }

    /** One random row of features. */
    public static double[] sample(SplittableRandom random) {
        double[] x = new double[NUM_FEATURES];
        for (int f = 0; f < CATEGORIES.length; f++) {
            x[f] = random.nextInt(CATEGORIES[f]);
        }
        for (int f = CATEGORIES.length; f < NUM_FEATURES; f++) {
            // A mix of shapes: Gaussian, uniform, skewed counts, and a few missing values.
            x[f] = switch (f % 4) {
                case 0 -> random.nextGaussian();
                case 1 -> random.nextDouble(-3, 3);
                case 2 -> Math.floor(-3 * Math.log(1 - random.nextDouble()));
                default -> random.nextDouble() < 0.05 ? Double.NaN : 100 * random.nextGaussian();
            };
        }
        return x;
    }

    /** The label: a Bernoulli draw from a logit with main effects, categorical effects and interactions. */
    public static float label(double[] x, SplittableRandom random) {
        double logit = ((int) x[0] % 2 == 0 ? 0.6 : -0.6)
                + (((int) x[1] * 7) % 5 - 2) * 0.3
                + (((int) x[2] * 11) % 7 - 3) * 0.2
                + (((int) x[3] * 13) % 9 - 4) * 0.15;
        for (int f = CATEGORIES.length; f < NUM_FEATURES; f++) {
            double v = Double.isNaN(x[f]) ? 0.5 : x[f];
            double scaled = f % 4 == 3 ? v / 100 : v;
            logit += (f % 3 == 0 ? 0.3 : -0.2) * Math.tanh(scaled) / (1 + f / 20.0);
        }
        logit += 0.5 * x[4] * x[5] / 3 + Math.sin(x[6]) * x[8] + (x[9] > 0.5 ? 0.4 : -0.2) * x[10] / 3;
        double p = 1 / (1 + Math.exp(-logit));
        return random.nextDouble() < p ? 1f : 0f;
    }
}
