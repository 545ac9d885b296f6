package com.example.credit.core.bias;

import java.util.List;
import java.util.OptionalDouble;

/** A formula's result before it becomes a {@link MetricResult}: a value with notes, or no value and the reason. */
record Outcome(OptionalDouble value, List<String> notes) {

    Outcome {
        notes = List.copyOf(notes);
    }

    static Outcome of(double value) {
        return new Outcome(OptionalDouble.of(value), List.of());
    }

    static Outcome of(double value, List<String> notes) {
        return new Outcome(OptionalDouble.of(value), notes);
    }

    static Outcome undefined(String reason) {
        return new Outcome(OptionalDouble.empty(), List.of(reason));
    }
}
