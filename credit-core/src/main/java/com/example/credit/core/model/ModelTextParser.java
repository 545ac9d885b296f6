package com.example.credit.core.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads LightGBM's text model format (what {@code LGBM_BoosterSaveModelToString} writes): a header of
 * {@code key=value} lines, one {@code Tree=<i>} block per tree, then {@code end of trees} followed by
 * feature importances and parameters, which prediction does not need and this reader skips.
 */
final class ModelTextParser {

    private static final Set<String> SUPPORTED_VERSIONS = Set.of("v3", "v4");
    private static final String END_OF_TREES = "end of trees";
    private static final int CATEGORICAL_BIT = 1;
    private static final int DEFAULT_LEFT_BIT = 2;
    private static final int KNOWN_DECISION_BITS = 15;

    private final String[] lines;
    private int position;

    private ModelTextParser(String text) {
        this.lines = text.split("\r?\n", -1);
    }

    static LightGbmModel parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ModelFormatException("model text is empty, expected LightGBM's text format starting with 'tree'");
        }
        return new ModelTextParser(text).model();
    }

    private LightGbmModel model() {
        skipBlankLines();
        if (!lines[position].equals("tree")) {
            throw new ModelFormatException("model text starts with '" + abbreviate(lines[position])
                    + "', a LightGBM text model starts with the line 'tree'");
        }
        position++;
        Map<String, String> header = readHeader();
        String version = required(header, "version", "the header");
        if (!SUPPORTED_VERSIONS.contains(version)) {
            throw new ModelFormatException(
                    "model version '" + version + "' is not supported, this reader supports v3 and v4");
        }
        int numClass = parseInt(required(header, "num_class", "the header"), "num_class");
        if (numClass != 1) {
            throw new ModelFormatException("num_class=" + numClass
                    + " is not supported, this reader supports binary models (num_class=1), not multiclass");
        }
        String perIteration = header.getOrDefault("num_tree_per_iteration", "1");
        if (!perIteration.equals("1")) {
            throw new ModelFormatException("num_tree_per_iteration=" + perIteration
                    + " is not supported, a binary model grows one tree per iteration");
        }
        Objective objective = Objective.parse(required(header, "objective", "the header"));
        int maxFeatureIdx = parseInt(required(header, "max_feature_idx", "the header"), "max_feature_idx");
        if (maxFeatureIdx < 0) {
            throw new ModelFormatException("max_feature_idx=" + maxFeatureIdx + " must be non-negative");
        }
        int numFeatures = maxFeatureIdx + 1;
        List<String> featureNames = List.of(splitValues(required(header, "feature_names", "the header")));
        requireCount("feature_names", featureNames.size(), numFeatures, "max_feature_idx + 1");
        String[] infoTexts = splitValues(required(header, "feature_infos", "the header"));
        requireCount("feature_infos", infoTexts.length, numFeatures, "max_feature_idx + 1");
        List<FeatureInfo> featureInfos = new ArrayList<>(numFeatures);
        for (String info : infoTexts) {
            featureInfos.add(FeatureInfo.parse(info));
        }
        List<Tree> trees = readTrees(numFeatures);
        return new LightGbmModel(version, objective, featureNames, featureInfos, trees);
    }

    private Map<String, String> readHeader() {
        Map<String, String> header = new HashMap<>();
        while (position < lines.length) {
            String line = lines[position];
            if (line.startsWith("Tree=") || line.equals(END_OF_TREES)) {
                break;
            }
            position++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("average_output")) {
                throw new ModelFormatException("the header flag 'average_output' (random forest) is not supported,"
                        + " this reader sums tree outputs like gradient boosting");
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new ModelFormatException("header line '" + abbreviate(line) + "' is not of the form key=value");
            }
            header.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return header;
    }

    private List<Tree> readTrees(int numFeatures) {
        List<Tree> trees = new ArrayList<>();
        while (true) {
            skipBlankLines();
            if (position >= lines.length) {
                throw new ModelFormatException("model text ends after " + trees.size()
                        + " trees without the line 'end of trees', it is truncated");
            }
            String line = lines[position];
            if (line.equals(END_OF_TREES)) {
                return trees;
            }
            if (!line.startsWith("Tree=")) {
                throw new ModelFormatException(
                        "line '" + abbreviate(line) + "' is neither a 'Tree=<index>' block nor 'end of trees'");
            }
            int index = parseInt(line.substring("Tree=".length()), "Tree");
            if (index != trees.size()) {
                throw new ModelFormatException(
                        "tree block 'Tree=" + index + "' is out of order, expected Tree=" + trees.size());
            }
            position++;
            Map<String, String> fields = readBlock();
            try {
                trees.add(tree(index, fields, numFeatures));
            } catch (ModelFormatException e) {
                if (e.getMessage().startsWith("tree " + index + " ")) {
                    throw e;
                }
                throw new ModelFormatException("tree " + index + ": " + e.getMessage(), e);
            }
        }
    }

    private Map<String, String> readBlock() {
        Map<String, String> fields = new HashMap<>();
        while (position < lines.length && !lines[position].isEmpty()) {
            String line = lines[position];
            if (line.startsWith("Tree=") || line.equals(END_OF_TREES)) {
                break;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new ModelFormatException("tree line '" + abbreviate(line) + "' is not of the form key=value");
            }
            fields.put(line.substring(0, equals), line.substring(equals + 1));
            position++;
        }
        return fields;
    }

    private static Tree tree(int index, Map<String, String> fields, int numFeatures) {
        String linear = fields.getOrDefault("is_linear", "0");
        if (!linear.equals("0")) {
            throw new ModelFormatException("is_linear=" + linear
                    + " is not supported, this reader supports constant-leaf trees only (train without linear_tree)");
        }
        int numLeaves = parseInt(required(fields, "num_leaves", "a tree"), "num_leaves");
        if (numLeaves < 1) {
            throw new ModelFormatException("num_leaves=" + numLeaves + " must be at least 1");
        }
        int numCat = parseInt(required(fields, "num_cat", "a tree"), "num_cat");
        if (numCat < 0) {
            throw new ModelFormatException("num_cat=" + numCat + " must be non-negative");
        }
        double shrinkage = fields.containsKey("shrinkage") ? parseDouble(fields.get("shrinkage"), "shrinkage") : 1.0;
        double[] leafValues = doubles(fields, "leaf_value", numLeaves, true);
        // LightGBM treats the counts as optional (zero when absent); TreeSHAP rejects zero counts later.
        int[] leafCounts = ints(fields, "leaf_count", numLeaves, false);
        List<Leaf> leaves = new ArrayList<>(numLeaves);
        for (int leaf = 0; leaf < numLeaves; leaf++) {
            leaves.add(new Leaf(leafValues[leaf], leafCounts[leaf]));
        }
        if (numLeaves == 1) {
            return new Tree(index, List.of(), leaves, shrinkage);
        }
        int numSplits = numLeaves - 1;
        int[] features = ints(fields, "split_feature", numSplits, true);
        double[] thresholds = doubles(fields, "threshold", numSplits, true);
        int[] decisionTypes = ints(fields, "decision_type", numSplits, false);
        int[] leftChildren = ints(fields, "left_child", numSplits, true);
        int[] rightChildren = ints(fields, "right_child", numSplits, true);
        int[] internalCounts = ints(fields, "internal_count", numSplits, false);
        int[] catBoundaries = numCat > 0 ? ints(fields, "cat_boundaries", numCat + 1, true) : new int[] {0};
        long[] catWords = numCat > 0 ? catWords(fields, catBoundaries) : new long[0];
        List<Split> splits = new ArrayList<>(numSplits);
        for (int node = 0; node < numSplits; node++) {
            if (features[node] >= numFeatures) {
                throw new ModelFormatException("split " + node + " tests feature " + features[node]
                        + ", the model has features 0.." + (numFeatures - 1));
            }
            SplitCondition condition =
                    condition(node, decisionTypes[node], thresholds[node], numCat, catBoundaries, catWords);
            splits.add(new Split(
                    features[node], condition, leftChildren[node], rightChildren[node], internalCounts[node]));
        }
        return new Tree(index, splits, leaves, shrinkage);
    }

    private static SplitCondition condition(
            int node, int decisionType, double threshold, int numCat, int[] catBoundaries, long[] catWords) {
        if ((decisionType & ~KNOWN_DECISION_BITS) != 0) {
            throw new ModelFormatException("split " + node + " has decision_type " + decisionType
                    + ", only bits 0 (categorical), 1 (default left) and 2-3 (missing type) are defined");
        }
        MissingType missingType = MissingType.fromCode((decisionType >> 2) & 3);
        if ((decisionType & CATEGORICAL_BIT) == 0) {
            return new SplitCondition.Numerical(threshold, missingType, (decisionType & DEFAULT_LEFT_BIT) != 0);
        }
        // A categorical split stores in its threshold the index of its bitset in cat_boundaries/cat_threshold.
        int catIndex = (int) threshold;
        if (catIndex != threshold || catIndex < 0 || catIndex >= numCat) {
            throw new ModelFormatException("categorical split " + node + " has threshold " + threshold
                    + ", it must be a bitset index in 0.." + (numCat - 1) + " (num_cat=" + numCat + ")");
        }
        List<Integer> categories = new ArrayList<>();
        for (int word = catBoundaries[catIndex]; word < catBoundaries[catIndex + 1]; word++) {
            int offset = (word - catBoundaries[catIndex]) * Integer.SIZE;
            for (int bit = 0; bit < Integer.SIZE; bit++) {
                if ((catWords[word] >>> bit & 1L) != 0) {
                    categories.add(offset + bit);
                }
            }
        }
        return new SplitCondition.Categorical(categories);
    }

    private static long[] catWords(Map<String, String> fields, int[] catBoundaries) {
        for (int i = 0; i < catBoundaries.length; i++) {
            if (catBoundaries[i] < (i == 0 ? 0 : catBoundaries[i - 1])) {
                throw new ModelFormatException("cat_boundaries must be non-negative and ascending, found "
                        + catBoundaries[i] + " at position " + i);
            }
        }
        String[] values = splitValues(required(fields, "cat_threshold", "a tree with num_cat > 0"));
        int expected = catBoundaries[catBoundaries.length - 1];
        requireCount("cat_threshold", values.length, expected, "the last cat_boundaries entry");
        long[] words = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            try {
                words[i] = Long.parseLong(values[i]);
            } catch (NumberFormatException e) {
                throw new ModelFormatException("cat_threshold value '" + values[i] + "' is not an integer", e);
            }
            if (words[i] < 0 || words[i] > 0xFFFF_FFFFL) {
                throw new ModelFormatException(
                        "cat_threshold value " + words[i] + " must be an unsigned 32-bit bitset word");
            }
        }
        return words;
    }

    private static int[] ints(Map<String, String> fields, String key, int count, boolean required) {
        if (!fields.containsKey(key) && !required) {
            return new int[count];
        }
        String[] values = splitValues(required(fields, key, "a tree with these num_leaves"));
        requireCount(key, values.length, count, "num_leaves");
        int[] result = new int[count];
        for (int i = 0; i < count; i++) {
            result[i] = parseInt(values[i], key);
        }
        return result;
    }

    private static double[] doubles(Map<String, String> fields, String key, int count, boolean required) {
        if (!fields.containsKey(key) && !required) {
            return new double[count];
        }
        String[] values = splitValues(required(fields, key, "a tree with these num_leaves"));
        requireCount(key, values.length, count, "num_leaves");
        double[] result = new double[count];
        for (int i = 0; i < count; i++) {
            result[i] = parseDouble(values[i], key);
        }
        return result;
    }

    private static String required(Map<String, String> fields, String key, String where) {
        String value = fields.get(key);
        if (value == null) {
            throw new ModelFormatException("the field '" + key + "' is missing, " + where + " must have it");
        }
        return value;
    }

    private static void requireCount(String key, int actual, int expected, String rule) {
        if (actual != expected) {
            throw new ModelFormatException(key + " has " + actual + " values, " + rule + " requires " + expected);
        }
    }

    private static String[] splitValues(String text) {
        return text.isEmpty() ? new String[0] : text.split(" ", -1);
    }

    private static int parseInt(String text, String key) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new ModelFormatException(key + " value '" + abbreviate(text) + "' is not an integer", e);
        }
    }

    private static double parseDouble(String text, String key) {
        try {
            return ModelNumbers.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ModelFormatException(key + " value '" + abbreviate(text) + "' is not a number", e);
        }
    }

    private void skipBlankLines() {
        while (position < lines.length && lines[position].isBlank()) {
            position++;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
