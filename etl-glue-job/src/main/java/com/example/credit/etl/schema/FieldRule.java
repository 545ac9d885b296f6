package com.example.credit.etl.schema;

import java.util.List;
import java.util.Objects;

/**
 * What one field of a prepared row must satisfy: present, of a type, one of the allowed values, or in
 * a range.
 *
 * @param name flattened column name, e.g. {@code finance__accounts__checking__balance}
 * @param type JSON type of the value
 * @param allowed allowed values in their string form; empty when any value of the type is allowed
 * @param range inclusive range for integers; {@link Range#UNBOUNDED} when the schema sets none
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
}
