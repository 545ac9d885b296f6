package com.example.credit.core.model;

import java.util.Set;
import java.util.SplittableRandom;

/**
 * The kinds of LightGBM model the reader and TreeSHAP are checked on. Each trains a real booster on seeded
 * synthetic data whose label depends on the features in a way that makes LightGBM use the split kind under test.
 */
public enum Scenario {

    /** Numerical features only: plain threshold splits. */
    NUMERIC(6, Set.of(), 3000, 60, "num_leaves=15 learning_rate=0.1 min_data_in_leaf=20") {
        @Override
        double[] sample(SplittableRandom random) {
            return new double[] {
                random.nextGaussian(),
                random.nextDouble(-5, 5),
                -Math.log(1 - random.nextDouble()),
                random.nextInt(10),
                100 * random.nextGaussian(),
                random.nextDouble()
            };
        }

        @Override
        double logit(double[] x) {
            return 1.5 * x[0] - 0.3 * x[1] + Math.sin(x[4] / 50) + (x[3] > 5 ? 1 : 0) - x[2] * x[5];
        }
    },

    /**
     * Categorical features of 3, 12 and 30 categories: one-vs-rest splits for the small one, many-category
     * bitset splits for the others ({@code max_cat_to_onehot=4}).
     */
    CATEGORICAL(
            6,
            Set.of(2, 3, 4),
            4000,
            60,
            "num_leaves=15 learning_rate=0.1 min_data_in_leaf=10 categorical_feature=2,3,4 max_cat_to_onehot=4"
                    + " min_data_per_group=10 cat_smooth=1 cat_l2=1 max_cat_threshold=16") {
        @Override
        double[] sample(SplittableRandom random) {
            return new double[] {
                random.nextGaussian(),
                random.nextDouble(-2, 2),
                random.nextInt(3),
                random.nextInt(12),
                random.nextInt(30),
                random.nextGaussian()
            };
        }

        @Override
        double logit(double[] x) {
            int c3 = (int) x[3];
            int c4 = (int) x[4];
            double effect4 = ((c4 * 7919) % 13 - 6) / 4.0;
            boolean inSet3 = c3 == 1 || c3 == 4 || c3 == 7 || c3 == 9 || c3 == 11;
            return x[0] + (inSet3 ? 1.2 : -0.6) + effect4 + (x[2] == 1 ? 0.8 : 0) + 0.5 * x[1] * x[5];
        }
    },

    /** Missing values as NaN ({@code use_missing}): numerical splits with missing type NaN, NaN categories. */
    NAN_MISSING(
            4,
            Set.of(2),
            4000,
            50,
            "num_leaves=15 learning_rate=0.1 min_data_in_leaf=10 use_missing=true zero_as_missing=false"
                    + " categorical_feature=2 max_cat_to_onehot=2 min_data_per_group=10 cat_smooth=1") {
        @Override
        double[] sample(SplittableRandom random) {
            return new double[] {
                random.nextDouble() < 0.15 ? Double.NaN : random.nextGaussian(),
                random.nextDouble() < 0.10 ? Double.NaN : random.nextDouble(-3, 3),
                random.nextDouble() < 0.10 ? Double.NaN : random.nextInt(8),
                random.nextDouble() < 0.2 ? 0.0 : random.nextGaussian()
            };
        }

        @Override
        double logit(double[] x) {
            double a = Double.isNaN(x[0]) ? 1.5 : x[0];
            double b = Double.isNaN(x[1]) ? -2.0 : 0.5 * x[1];
            double c = Double.isNaN(x[2]) ? 1.0 : ((int) x[2] % 3 == 0 ? -1 : 0.5);
            return a + b + c + x[3];
        }
    },

    /** Zero as the missing value ({@code zero_as_missing}): numerical splits with missing type Zero. */
    ZERO_AS_MISSING(
            4,
            Set.of(),
            4000,
            50,
            "num_leaves=15 learning_rate=0.1 min_data_in_leaf=10 use_missing=true zero_as_missing=true") {
        @Override
        double[] sample(SplittableRandom random) {
            return new double[] {
                random.nextDouble() < 0.3 ? 0.0 : random.nextGaussian(),
                random.nextDouble() < 0.1 ? Double.NaN : random.nextDouble(-3, 3),
                random.nextGaussian(),
                random.nextDouble() < 0.4 ? 0.0 : random.nextInt(1, 6)
            };
        }

        @Override
        double logit(double[] x) {
            double a = x[0] == 0 ? 1.2 : x[0];
            double b = Double.isNaN(x[1]) ? 1.0 : -0.4 * x[1];
            return a + b + x[2] + (x[3] == 0 ? -1.0 : 0.3 * x[3]);
        }
    },

    /** Deep trees over few features, so that paths split on the same feature again and again. */
    DEEP(
            3,
            Set.of(),
            4000,
            25,
            "num_leaves=63 max_depth=-1 learning_rate=0.2 min_data_in_leaf=3 min_sum_hessian_in_leaf=0") {
        @Override
        double[] sample(SplittableRandom random) {
            return new double[] {random.nextDouble(-3, 3), random.nextDouble(-3, 3), random.nextGaussian()};
        }

        @Override
        double logit(double[] x) {
            return 3 * Math.sin(3 * x[0]) * Math.cos(2 * x[1]) + (x[2] > 0.5 ? 1 : -1) * Math.abs(x[0]);
        }
    },

    /**
     * Deep trees over many features, with a categorical feature and missing values: paths test more distinct
     * features than leaf tables take, so the default engine explains some trees by tables and others by quadrature.
     */
    WIDE_DEEP(
            16,
            Set.of(15),
            4000,
            12,
            "num_leaves=63 max_depth=-1 learning_rate=0.2 min_data_in_leaf=3 min_sum_hessian_in_leaf=0"
                    + " feature_fraction=1.0 use_missing=true categorical_feature=15 max_cat_to_onehot=4") {
        @Override
        double[] sample(SplittableRandom random) {
            double[] row = new double[16];
            for (int f = 0; f < 15; f++) {
                row[f] = random.nextDouble() < 0.05 ? Double.NaN : random.nextGaussian();
            }
            row[15] = random.nextInt(9);
            return row;
        }

        @Override
        double logit(double[] x) {
            double sum = 0.0;
            for (int f = 0; f < 15; f++) {
                double v = Double.isNaN(x[f]) ? 0.3 : x[f];
                sum += Math.sin((f + 1) * v) * (f % 3 == 0 ? 1.0 : 0.6);
            }
            return sum + ((int) x[15] % 3 - 1) * 0.8;
        }
    },

    /** No split is allowed ({@code min_data_in_leaf} above the row count): a model of one one-leaf tree. */
    SINGLE_LEAF(3, Set.of(), 500, 5, "min_data_in_leaf=100000") {
        @Override
        double[] sample(SplittableRandom random) {
            return new double[] {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
        }

        @Override
        double logit(double[] x) {
            return x[0] - 0.5;
        }
    },

    /**
     * Ordinary trees with one-leaf trees spliced in at the start, the middle and the end of the model text;
     * LightGBM loads the spliced text and serves as the reference (training never keeps one-leaf trees after
     * the first iteration).
     */
    SPLICED_SINGLE_LEAF(4, Set.of(), 2000, 12, "num_leaves=7 learning_rate=0.2 min_data_in_leaf=10") {
        @Override
        double[] sample(SplittableRandom random) {
            return new double[] {random.nextGaussian(), random.nextGaussian(), random.nextInt(5), random.nextDouble()};
        }

        @Override
        double logit(double[] x) {
            return x[0] * x[1] + x[2] - 2 + x[3];
        }
    },

    /** A small model over four features (one categorical, one with NaN), small enough for brute-force Shapley. */
    SMALL(
            4,
            Set.of(2),
            1500,
            8,
            "num_leaves=6 learning_rate=0.3 min_data_in_leaf=15 categorical_feature=2 max_cat_to_onehot=2"
                    + " min_data_per_group=10 cat_smooth=1") {
        @Override
        double[] sample(SplittableRandom random) {
            return new double[] {
                random.nextGaussian(),
                random.nextDouble(-1, 1),
                random.nextInt(6),
                random.nextDouble() < 0.2 ? Double.NaN : random.nextGaussian()
            };
        }

        @Override
        double logit(double[] x) {
            double d = Double.isNaN(x[3]) ? 1 : x[3];
            return x[0] * (x[1] > 0 ? 2 : -1) + ((int) x[2] % 2 == 0 ? 1 : -1) + d * x[0];
        }
    };

    private final int numFeatures;
    private final Set<Integer> categoricalFeatures;
    private final int trainingRows;
    private final int iterations;
    private final String parameters;

    Scenario(int numFeatures, Set<Integer> categoricalFeatures, int trainingRows, int iterations, String parameters) {
        this.numFeatures = numFeatures;
        this.categoricalFeatures = categoricalFeatures;
        this.trainingRows = trainingRows;
        this.iterations = iterations;
        this.parameters = parameters;
    }

    /** One row drawn from the scenario's feature distribution. */
    abstract double[] sample(SplittableRandom random);

    /** The log-odds of the label given the features (before label noise). */
    abstract double logit(double[] row);

    public int numFeatures() {
        return numFeatures;
    }

    public boolean isCategorical(int feature) {
        return categoricalFeatures.contains(feature);
    }

    public String parameters() {
        return parameters;
    }

    public int iterations() {
        return iterations;
    }

    /** Rows from the scenario's distribution. */
    public double[][] sampleRows(int count, SplittableRandom random) {
        double[][] rows = new double[count][];
        for (int r = 0; r < count; r++) {
            rows[r] = sample(random);
        }
        return rows;
    }

    /** Seeded training data: rows from the distribution, labels drawn from the logistic of {@link #logit}. */
    public TrainingData trainingData(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = sampleRows(trainingRows, random);
        float[] labels = new float[rows.length];
        for (int r = 0; r < rows.length; r++) {
            labels[r] = random.nextDouble() < 1 / (1 + Math.exp(-logit(rows[r]))) ? 1f : 0f;
        }
        return new TrainingData(rows, labels);
    }
}
