package com.example.credit.etl.transform;

import com.example.credit.core.schema.Feature;
import java.util.List;
import java.util.Objects;

/**
 * What one field of a prepared row must satisfy: present, of a type, one of the allowed values, or in
 * a range.
 *
 * @param name flattened column name, e.g. {@code finance__accounts__checking__balance}
 * @param type JSON type of the value
 * @param allowed allowed values in their string form; empty when any value of the type is allowed
 * @param range inclusive range for integers; {@link Range#UNBOUNDED} when there is none
 */
public record FieldRule(String name, ValueType type, List<String> allowed, Range range) {

    public FieldRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(range, "range");
        if (name.isBlank()) {
            throw new IllegalArgumentException("field name must not be blank");
        }
        allowed = List.copyOf(allowed);
        if (!range.isUnbounded() && type != ValueType.INTEGER) {
            throw new IllegalArgumentException("field " + name + " has a range but is of type " + type);
        }
    }

    /** A rule for a categorical field. */
    public static FieldRule oneOf(String name, String... allowed) {
        return new FieldRule(name, ValueType.STRING, List.of(allowed), Range.UNBOUNDED);
    }

    /** A rule for an integer field with an inclusive range. */
    public static FieldRule between(String name, long minimum, long maximum) {
        return new FieldRule(name, ValueType.INTEGER, List.of(), new Range(minimum, maximum));
    }

    /** A rule for a field that only has to be present. */
    public static FieldRule present(String name, ValueType type) {
        return new FieldRule(name, type, List.of(), Range.UNBOUNDED);
    }

    /**
     * The rule of a model feature as credit-core's catalogue reads it from the data schema: one of its
     * categories, or within its range (an {@code enum} of numbers, such as the 0/1 flags, counts as the range
     * from its smallest to its largest value).
     *
     * @throws IllegalArgumentException for a numeric feature with a fractional bound: the raw files carry
     *     integers only
     */
    public static FieldRule of(Feature feature) {
        if (feature.isCategorical()) {
            return new FieldRule(feature.name(), ValueType.STRING, feature.categories(), Range.UNBOUNDED);
        }
        return between(feature.name(), integer(feature, feature.minimum()), integer(feature, feature.maximum()));
    }

    private static long integer(Feature feature, double bound) {
        if (bound != Math.rint(bound) || Math.abs(bound) >= 0x1p63) {
            throw new IllegalArgumentException("feature " + feature.name() + " has the bound " + bound
                    + "; this build reads integer features only");
        }
        return (long) bound;
    }
}
