package com.example.credit.core.bias;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The values a metric can take. A present bound can be reached; an absent one means the metric is unbounded on
 * that side (written {@code -inf} or {@code +inf} in {@link #notation()}, never as a number).
 *
 * @param min the least value, if bounded below
 * @param max the greatest value, if bounded above
 * @param notation the interval as people write it, for example {@code [0, ln 2]}
 */
public record ValueRange(OptionalDouble min, OptionalDouble max, String notation) {

    public ValueRange {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(notation, "notation");
        if (min.isPresent() && max.isPresent() && !(min.getAsDouble() < max.getAsDouble())) {
            throw new BiasException(
                    "range " + notation + ": min " + min.getAsDouble() + " must be below max " + max.getAsDouble());
        }
    }

    /** {@code [min, max]}. */
    static ValueRange closed(double min, double max, String notation) {
        return new ValueRange(OptionalDouble.of(min), OptionalDouble.of(max), notation);
    }

    /** {@code [min, +inf)}. */
    static ValueRange atLeast(double min, String notation) {
        return new ValueRange(OptionalDouble.of(min), OptionalDouble.empty(), notation);
    }

    /** {@code (-inf, +inf)}. */
    static ValueRange unbounded() {
        return new ValueRange(OptionalDouble.empty(), OptionalDouble.empty(), "(-inf, +inf)");
    }

    /** Whether {@code value} lies in the range. */
    public boolean contains(double value) {
        return (min.isEmpty() || value >= min.getAsDouble()) && (max.isEmpty() || value <= max.getAsDouble());
    }
}
