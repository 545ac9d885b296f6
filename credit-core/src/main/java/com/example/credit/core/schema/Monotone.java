package com.example.credit.core.schema;

import java.util.Arrays;
import java.util.Locale;

/**
 * The direction in which a numeric feature may move the predicted risk of default, all else equal: the data
 * schema's {@code x-monotone} annotation ({@code increasing} or {@code decreasing}, the credit rationale in the
 * feature's description), which training passes to LightGBM's {@code monotone_constraints}.
 */
public enum Monotone {
    /** No constraint. */
    NONE(0),
    /** A higher value never lowers the risk. */
    INCREASING(1),
    /** A higher value never raises the risk. */
    DECREASING(-1);

    private final int lightGbmValue;

    Monotone(int lightGbmValue) {
        this.lightGbmValue = lightGbmValue;
    }

    /** LightGBM's {@code monotone_constraints} entry: 1, -1 or 0. */
    public int lightGbmValue() {
        return lightGbmValue;
    }

    /** The schema's word for it ({@code increasing}, {@code decreasing}); {@code none} when unconstrained. */
    public String schemaValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constraint an {@code x-monotone} value names.
     *
     * @throws SchemaFormatException naming the feature and the allowed values
     */
    static Monotone ofSchema(String feature, String value) {
        return Arrays.stream(values())
                .filter(direction ->
                        direction != NONE && direction.schemaValue().equals(value))
                .findFirst()
                .orElseThrow(() -> new SchemaFormatException(
                        "feature " + feature + " has x-monotone '" + value + "'; it must be increasing or decreasing"));
    }
}
