package com.example.credit.training.config;

import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingException.Reason;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The hyperparameters the training job accepts: key (kebab-case, as SageMaker passes them), type, default and
 * allowed values, and the LightGBM parameter each one becomes. The single source of truth for parsing,
 * validation and the README table.
 */
public enum Hyperparameter {
    // Defaults (tree-num-leaves 4, tree-min-child-samples 40, lambda-l2 10, learning-rate 0.05, rounds chosen by
    // early stopping below the bound of 1000) were picked by cross-validation on the Statlog training split: see
    // docs/model-quality.md for the grid and the one-standard-error rule that chose them.
    TREE_N_ESTIMATORS("tree-n-estimators", "num_iterations", Type.INTEGER, 1000, 1, 10_000),
    TREE_MAX_DEPTH("tree-max-depth", "max_depth", Type.INTEGER, 10, -1, 64),
    TREE_NUM_LEAVES("tree-num-leaves", "num_leaves", Type.INTEGER, 4, 2, 131_072),
    TREE_BOOSTING_TYPE("tree-boosting-type", "boosting", "gbdt", List.of("gbdt", "dart", "goss", "rf")),
    TREE_MIN_CHILD_SAMPLES("tree-min-child-samples", "min_data_in_leaf", Type.INTEGER, 40, 1, 1_000_000),
    LEARNING_RATE("learning-rate", "learning_rate", Type.NUMBER, 0.05, 1e-6, 1.0),
    CV_SPLITS("cv-splits", null, Type.INTEGER, 5, 2, 20),
    SEED("seed", "seed", Type.INTEGER, 42, 0, Integer.MAX_VALUE),
    NUM_THREADS("num-threads", "num_threads", Type.INTEGER, 1, 1, 256),
    MIN_DATA_PER_GROUP("min-data-per-group", "min_data_per_group", Type.INTEGER, 100, 1, 1_000_000),
    CAT_SMOOTH("cat-smooth", "cat_smooth", Type.NUMBER, 10.0, 0.0, 1_000_000.0),
    CAT_L2("cat-l2", "cat_l2", Type.NUMBER, 10.0, 0.0, 1_000_000.0),
    FEATURE_FRACTION("feature-fraction", "feature_fraction", Type.NUMBER, 1.0, 1e-6, 1.0),
    BAGGING_FRACTION("bagging-fraction", "bagging_fraction", Type.NUMBER, 1.0, 1e-6, 1.0),
    BAGGING_FREQ("bagging-freq", "bagging_freq", Type.INTEGER, 0, 0, 10_000),
    LAMBDA_L1("lambda-l1", "lambda_l1", Type.NUMBER, 0.0, 0.0, 1_000_000.0),
    LAMBDA_L2("lambda-l2", "lambda_l2", Type.NUMBER, 10.0, 0.0, 1_000_000.0),
    EARLY_STOPPING_ROUNDS("early-stopping-rounds", null, Type.INTEGER, 30, 0, 10_000),
    MONOTONE_CONSTRAINTS("monotone-constraints", null, "on", List.of("on", "off")),
    CALIBRATION("calibration", null, "none", List.of("none", "platt", "isotonic")),
    // The reference populations written beside the model for interventional explanations (at most 1000 rows: the
    // explainer's limit, which keeps one explanation against them well inside SageMaker's 60 s invocation limit).
    BACKGROUND_ROWS("background-rows", null, Type.INTEGER, 200, 1, 1000),
    REFERENCE_SETS("reference-sets", null, "approved", List.of("approved", "none"));

    /** The JSON type a value must decode to. */
    public enum Type {
        INTEGER,
        NUMBER,
        CHOICE
    }

    private final String key;
    private final String lightGbmName;
    private final Type type;
    private final Object defaultValue;
    private final double minimum;
    private final double maximum;
    private final List<String> choices;

    Hyperparameter(String key, String lightGbmName, Type type, Number defaultValue, double minimum, double maximum) {
        this.key = key;
        this.lightGbmName = lightGbmName;
        this.type = type;
        this.defaultValue = defaultValue;
        this.minimum = minimum;
        this.maximum = maximum;
        this.choices = List.of();
    }

    Hyperparameter(String key, String lightGbmName, String defaultValue, List<String> choices) {
        this.key = key;
        this.lightGbmName = lightGbmName;
        this.type = Type.CHOICE;
        this.defaultValue = defaultValue;
        this.minimum = Double.NaN;
        this.maximum = Double.NaN;
        this.choices = List.copyOf(choices);
    }

    /** The key as SageMaker and the local command pass it, for example {@code tree-max-depth}. */
    public String key() {
        return key;
    }

    /** The LightGBM parameter this one sets; empty for those the job itself uses ({@code cv-splits}). */
    public Optional<String> lightGbmName() {
        return Optional.ofNullable(lightGbmName);
    }

    /** The value used when the key is not given: an Integer, a Double or a String. */
    public Object defaultValue() {
        return defaultValue;
    }

    /** The allowed values in words, for error messages and the README. */
    public String allowed() {
        return switch (type) {
            case INTEGER -> "an integer in [" + (long) minimum + ", " + (long) maximum + "]";
            case NUMBER -> "a number in [" + plain(minimum) + ", " + plain(maximum) + "]";
            case CHOICE -> "one of " + String.join("|", choices);
        };
    }

    /** The hyperparameter with that key, or empty. */
    public static Optional<Hyperparameter> byKey(String key) {
        return Arrays.stream(values()).filter(h -> h.key.equals(key)).findFirst();
    }

    /**
     * Parses a raw value as SageMaker passes it (always a string): JSON-decoded when it is valid JSON, the raw
     * string otherwise, then checked against the type and the allowed values.
     *
     * @return an Integer, a Double or a String
     * @throws TrainingException (reason HYPERPARAMETER) naming the key, the value and the allowed values
     */
    public Object parse(String raw) {
        JsonNode decoded = decode(raw);
        if (type != Type.CHOICE && decoded.isString()) {
            // A number quoted once more ("\"20\"", as json.dumps writes a Python string) is still that number.
            decoded = decode(decoded.asString());
        }
        Object value =
                switch (type) {
                    case INTEGER -> decoded.isIntegralNumber() && decoded.canConvertToInt() ? decoded.asInt() : null;
                    case NUMBER -> decoded.isNumber() ? decoded.asDouble() : null;
                    case CHOICE -> decoded.isString() ? decoded.asString() : raw;
                };
        if (value == null || !allows(value)) {
            throw invalid(raw);
        }
        return value;
    }

    /**
     * Checks an already typed value.
     *
     * @throws TrainingException (reason HYPERPARAMETER) when it lies outside the allowed values
     */
    public Object check(Object value) {
        if (!allows(value)) {
            throw invalid(String.valueOf(value));
        }
        return value;
    }

    private boolean allows(Object value) {
        return switch (type) {
            case INTEGER -> value instanceof Integer i && i >= minimum && i <= maximum;
            case NUMBER -> value instanceof Double d && d >= minimum && d <= maximum;
            case CHOICE -> value instanceof String s && choices.contains(s);
        };
    }

    private TrainingException invalid(String raw) {
        return new TrainingException(
                Reason.HYPERPARAMETER, "hyperparameter " + key + "='" + raw + "' is invalid: must be " + allowed());
    }

    private static JsonNode decode(String raw) {
        try {
            JsonNode node = JsonMapper.shared().readTree(raw);
            return node == null || node.isMissingNode() ? stringNode(raw) : node;
        } catch (JacksonException e) {
            // SageMaker's console passes plain words unquoted (gbdt, not "gbdt"): the raw string is the value.
            return stringNode(raw);
        }
    }

    private static JsonNode stringNode(String raw) {
        return JsonNodeFactory.instance.stringNode(raw);
    }

    /** A number without exponent or trailing zeros ({@code 0.000001}, {@code 10}), as LightGBM and people read it. */
    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
