package com.example.credit.core.bias;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One applicant as a bias analysis sees it: the observed outcome, the model's probability of default (after
 * training), the protected attributes and, for the conditional metrics, the value of the group variable. The
 * favourable outcome is "no default" ({@code credit__default=false}).
 *
 * @param defaulted the observed label {@code credit__default}
 * @param probabilityOfDefault the model's predicted probability of default, in [0, 1]; empty before training
 * @param protectedValues the protected attributes by name (for example {@code personal__age -> "35"}), as text;
 *     numeric facets parse the text
 * @param group the applicant's value of the group variable (for example {@code credit__purpose -> "car_new"}),
 *     empty when the analysis has no group variable
 */
public record Row(
        boolean defaulted,
        OptionalDouble probabilityOfDefault,
        Map<String, String> protectedValues,
        Optional<String> group) {

    public Row {
        Objects.requireNonNull(probabilityOfDefault, "probabilityOfDefault");
        protectedValues = Map.copyOf(protectedValues);
        Objects.requireNonNull(group, "group");
        probabilityOfDefault.ifPresent(p -> {
            if (!(p >= 0 && p <= 1)) {
                throw new BiasException("probability of default " + p + " is outside [0, 1]");
            }
        });
    }

    /** A training row: a label and no prediction. */
    public static Row labelled(boolean defaulted, Map<String, String> protectedValues) {
        return new Row(defaulted, OptionalDouble.empty(), protectedValues, Optional.empty());
    }

    /** A training row with its value of the group variable. */
    public static Row labelled(boolean defaulted, Map<String, String> protectedValues, String group) {
        return new Row(defaulted, OptionalDouble.empty(), protectedValues, Optional.of(group));
    }

    /** A scored row: a label and the model's probability of default. */
    public static Row scored(boolean defaulted, double probabilityOfDefault, Map<String, String> protectedValues) {
        return new Row(defaulted, OptionalDouble.of(probabilityOfDefault), protectedValues, Optional.empty());
    }

    /** A scored row with its value of the group variable. */
    public static Row scored(
            boolean defaulted, double probabilityOfDefault, Map<String, String> protectedValues, String group) {
        return new Row(defaulted, OptionalDouble.of(probabilityOfDefault), protectedValues, Optional.of(group));
    }

    /** Whether the observed outcome is the favourable one (no default). */
    public boolean favourable() {
        return !defaulted;
    }
}
