package com.example.credit.core.bias;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One metric of one facet: its value or why it has none, how to read it, and notes.
 *
 * <p>The convention for data that leaves a formula undefined (an empty facet, a group the model approves no one
 * of, zero false positives under TE, a label value one group never has under KL): no value, status {@link
 * Status#UNDEFINED}, and a note naming the count that was zero. A value is never NaN or infinite.
 *
 * @param metric the metric
 * @param status whether it has a value, and if not, why not
 * @param value the value, present exactly when the status is {@link Status#COMPUTED}; always finite
 * @param reading one or two plain-language sentences: the figures behind the value and which group it favours
 * @param notes what the reader should know: edge cases met, conventions applied; never empty without a value
 */
public record MetricResult(BiasMetric metric, Status status, OptionalDouble value, String reading, List<String> notes) {

    /** Whether a metric has a value. */
    public enum Status {
        /** The value was computed. */
        COMPUTED,
        /** The data leave the formula undefined (a zero denominator, an empty group); the notes say which. */
        UNDEFINED,
        /** The metric does not apply to this analysis (FT; CDDL and CDDPL without a group variable). */
        NOT_APPLICABLE
    }

    public MetricResult {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reading, "reading");
        notes = List.copyOf(notes);
        if (value.isPresent() != (status == Status.COMPUTED)) {
            throw new BiasException(
                    metric + " has status " + status + " and value " + value + "; a value goes with COMPUTED only");
        }
        if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
            throw new BiasException(metric + " value " + value.getAsDouble() + " is not a finite number");
        }
        if (value.isEmpty() && notes.isEmpty()) {
            throw new BiasException(metric + " has no value and no note saying why");
        }
        if (reading.isBlank()) {
            throw new BiasException(metric + " needs a reading");
        }
    }

    /** Clarify's short name, for example {@code DI}. */
    public String name() {
        return metric.name();
    }

    /** The value of a facet treated exactly like everyone else (see {@link BiasMetric#idealValue()}). */
    public double idealValue() {
        return metric.idealValue();
    }

    /** The values the metric can take. */
    public ValueRange range() {
        return metric.range();
    }
}
