package com.example.credit.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.training.TrainingException.Reason;
import java.util.function.Consumer;

/** Assertions on a {@link TrainingException}: {@code isInstanceOfSatisfying(TrainingException.class, ...)}. */
public final class TrainingFailures {

    private TrainingFailures() {}

    /** The failure is of this kind. */
    public static Consumer<TrainingException> hasReason(Reason expected) {
        return failure -> assertThat(failure.reason()).as("reason").isEqualTo(expected);
    }
}
