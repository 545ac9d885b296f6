package com.example.credit.core.shap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded random LightGBM models written in LightGBM's text format, which both this project's reader and LightGBM
 * itself load: a few features (some categorical), small trees grown by splitting random leaves, so that paths test
 * the same feature again and again, with numerical splits of every missing type and default direction, categorical
 * bitsets of one and two words, and one-leaf trees. Rows mix values on and beside the thresholds, NaN, zeros and
 * odd category codes.
 *
 * @param text the model text
 * @param numFeatures the number of features
 * @param categorical per feature, whether its splits are categorical
 */
public record RandomForests(String text, int numFeatures, boolean[] categorical) {

    private static final double[] THRESHOLDS = {-1.5, -0.5, 0.0, 1.0000000180025095e-35, 0.5, 1.5};
    private static final double[] NUMERIC_SPECIALS = {Double.NaN, 0.0, -0.0, 1e-36, Double.POSITIVE_INFINITY};
    private static final double[] CATEGORY_SPECIALS = {Double.NaN, -1, 2.5, 40, 1e10};
    private static final int MAX_CATEGORY = 40;

    /** A random model of {@code numFeatures} features and {@code numTrees} trees of up to {@code maxLeaves} leaves. */
    public static RandomForests of(long seed, int numFeatures, int numTrees, int maxLeaves, double sigmoid) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] categorical = new boolean[numFeatures];
        for (int f = 0; f < numFeatures; f++) {
            categorical[f] = random.nextInt(3) == 0;
        }
        StringBuilder text = new StringBuilder("tree\nversion=v4\nnum_class=1\nnum_tree_per_iteration=1\n")
                .append("label_index=0\nmax_feature_idx=")
                .append(numFeatures - 1)
                .append("\nobjective=binary sigmoid:")
                .append(number(sigmoid))
                .append("\nfeature_names=");
        List<String> names = new ArrayList<>();
        List<String> infos = new ArrayList<>();
        for (int f = 0; f < numFeatures; f++) {
            names.add("f" + f);
            infos.add(categorical[f] ? categoryList() : "[-3:3]");
        }
        text.append(String.join(" ", names))
                .append("\nfeature_infos=")
                .append(String.join(" ", infos))
                .append("\n\n");
        for (int t = 0; t < numTrees; t++) {
            int leaves = random.nextInt(10) == 0 ? 1 : 2 + random.nextInt(maxLeaves - 1);
            text.append("Tree=").append(t).append('\n').append(tree(random, leaves, categorical));
        }
        text.append("end of trees\n\nfeature_importances:\n\nparameters:\n[objective: binary]\nend of parameters\n\n")
                .append("pandas_categorical:null\n");
        return new RandomForests(text.toString(), numFeatures, categorical);
    }

    /** {@code count} random rows for this model's features. */
    public double[][] rows(int count, SplittableRandom random) {
        double[][] rows = new double[count][numFeatures];
        for (double[] row : rows) {
            for (int f = 0; f < numFeatures; f++) {
                row[f] = categorical[f] ? category(random) : numeric(random);
            }
        }
        return rows;
    }

    private static double numeric(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> THRESHOLDS[random.nextInt(THRESHOLDS.length)];
            case 1 -> NUMERIC_SPECIALS[random.nextInt(NUMERIC_SPECIALS.length)];
            default -> random.nextDouble(-2.5, 2.5);
        };
    }

    private static double category(SplittableRandom random) {
        return random.nextInt(6) == 0
                ? CATEGORY_SPECIALS[random.nextInt(CATEGORY_SPECIALS.length)]
                : random.nextInt(MAX_CATEGORY);
    }

    /**
     * One tree block grown as LightGBM grows trees: splitting leaf {@code l} by split {@code s} keeps {@code l} as the
     * left child and makes leaf {@code s + 1} the right one.
     */
    private static String tree(SplittableRandom random, int numLeaves, boolean[] categorical) {
        double[] leafValues = new double[numLeaves];
        int[] leafCounts = new int[numLeaves];
        for (int l = 0; l < numLeaves; l++) {
            leafValues[l] = random.nextDouble(-1, 1);
            leafCounts[l] = 1 + random.nextInt(100);
        }
        StringBuilder block = new StringBuilder("num_leaves=").append(numLeaves).append('\n');
        if (numLeaves == 1) {
            return block.append("num_cat=0\nsplit_feature=\nsplit_gain=\nthreshold=\ndecision_type=\nleft_child=\n")
                    .append("right_child=\nleaf_value=")
                    .append(number(leafValues[0]))
                    .append("\nleaf_weight=0\nleaf_count=0\ninternal_value=\ninternal_weight=\ninternal_count=\n")
                    .append("is_linear=0\nshrinkage=1\n\n\n")
                    .toString();
        }
        int splits = numLeaves - 1;
        int[] feature = new int[splits];
        String[] threshold = new String[splits];
        int[] decisionType = new int[splits];
        int[] left = new int[splits];
        int[] right = new int[splits];
        // Where each leaf hangs: the split and side, -1 for the root position.
        int[] parent = new int[numLeaves];
        boolean[] parentLeft = new boolean[numLeaves];
        parent[0] = -1;
        List<Long> catWords = new ArrayList<>();
        List<Integer> catBoundaries = new ArrayList<>(List.of(0));
        for (int s = 0; s < splits; s++) {
            int leaf = random.nextInt(s + 1);
            if (parent[leaf] >= 0) {
                if (parentLeft[leaf]) {
                    left[parent[leaf]] = s;
                } else {
                    right[parent[leaf]] = s;
                }
            }
            left[s] = ~leaf;
            right[s] = ~(s + 1);
            parent[s + 1] = s;
            parentLeft[s + 1] = false;
            parent[leaf] = s;
            parentLeft[leaf] = true;
            int f = random.nextInt(categorical.length);
            feature[s] = f;
            if (categorical[f]) {
                threshold[s] = Integer.toString(catBoundaries.size() - 1);
                decisionType[s] = 1;
                long[] words = bitset(random);
                for (long word : words) {
                    catWords.add(word);
                }
                catBoundaries.add(catWords.size());
            } else {
                threshold[s] = number(THRESHOLDS[random.nextInt(THRESHOLDS.length)]);
                int missingType = random.nextInt(3);
                decisionType[s] = (missingType << 2) | (random.nextBoolean() ? 2 : 0);
            }
        }
        int[] internalCounts = new int[splits];
        countBelow(0, left, right, leafCounts, internalCounts);
        block.append("num_cat=").append(catBoundaries.size() - 1).append('\n');
        line(block, "split_feature", ints(feature));
        line(block, "split_gain", repeat("1", splits));
        line(block, "threshold", String.join(" ", threshold));
        line(block, "decision_type", ints(decisionType));
        line(block, "left_child", ints(left));
        line(block, "right_child", ints(right));
        line(block, "leaf_value", doubles(leafValues));
        line(block, "leaf_weight", repeat("1", numLeaves));
        line(block, "leaf_count", ints(leafCounts));
        line(block, "internal_value", repeat("0", splits));
        line(block, "internal_weight", repeat("1", splits));
        line(block, "internal_count", ints(internalCounts));
        if (catBoundaries.size() > 1) {
            line(
                    block,
                    "cat_boundaries",
                    String.join(" ", catBoundaries.stream().map(String::valueOf).toList()));
            line(
                    block,
                    "cat_threshold",
                    String.join(" ", catWords.stream().map(String::valueOf).toList()));
        }
        return block.append("is_linear=0\nshrinkage=1\n\n\n").toString();
    }

    /** A random non-empty set of categories below {@link #MAX_CATEGORY} as 32-bit words (one or two). */
    private static long[] bitset(SplittableRandom random) {
        int highest = random.nextBoolean() ? 31 : MAX_CATEGORY - 1;
        long[] words = new long[highest / 32 + 1];
        for (int c = 0; c <= highest; c++) {
            if (random.nextBoolean()) {
                words[c / 32] |= 1L << (c % 32);
            }
        }
        // The last word must be non-zero, as LightGBM writes bitsets, and the set non-empty.
        words[words.length - 1] |= 1L << (highest % 32);
        return words;
    }

    private static int countBelow(int node, int[] left, int[] right, int[] leafCounts, int[] internalCounts) {
        if (node < 0) {
            return leafCounts[~node];
        }
        internalCounts[node] = countBelow(left[node], left, right, leafCounts, internalCounts)
                + countBelow(right[node], left, right, leafCounts, internalCounts);
        return internalCounts[node];
    }

    private static String categoryList() {
        List<String> codes = new ArrayList<>();
        for (int c = 0; c < MAX_CATEGORY; c++) {
            codes.add(Integer.toString(c));
        }
        return String.join(":", codes);
    }

    private static void line(StringBuilder block, String key, String values) {
        block.append(key).append('=').append(values).append('\n');
    }

    private static String ints(int[] values) {
        List<String> texts = new ArrayList<>();
        for (int value : values) {
            texts.add(Integer.toString(value));
        }
        return String.join(" ", texts);
    }

    private static String doubles(double[] values) {
        List<String> texts = new ArrayList<>();
        for (double value : values) {
            texts.add(number(value));
        }
        return String.join(" ", texts);
    }

    private static String repeat(String value, int count) {
        return String.join(" ", Collections.nCopies(count, value));
    }

    /** A double as LightGBM writes one: 17 significant digits, C-style exponent. */
    private static String number(double value) {
        return String.format(Locale.ROOT, "%.17g", value);
    }
}
