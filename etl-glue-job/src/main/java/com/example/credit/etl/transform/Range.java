package com.example.credit.etl.transform;

/**
 * The inclusive range an integer value must lie in.
 *
 * @param minimum smallest allowed value
 * @param maximum largest allowed value
 */
public record Range(long minimum, long maximum) {

    /** The range of a value without bounds. */
    public static final Range UNBOUNDED = new Range(Long.MIN_VALUE, Long.MAX_VALUE);

    public Range {
        if (minimum > maximum) {
            throw new IllegalArgumentException("range minimum " + minimum + " must not exceed maximum " + maximum);
        }
    }

    /** Whether any value is allowed. */
    public boolean isUnbounded() {
        return equals(UNBOUNDED);
    }

    @Override
    public String toString() {
        return "[" + minimum + ", " + maximum + "]";
    }
}
