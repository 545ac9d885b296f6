package com.example.credit.core.dependence;

import java.util.Objects;

/**
 * The rows whose value of a feature the model cannot tell apart: every split on the feature sends all of them the
 * same way, so its partial dependence is one number over the bin.
 *
 * @param kind what the bin holds
 * @param lower for a {@link Kind#RANGE}, the model's threshold below the bin (values are greater), null when none is
 * @param upper for a {@link Kind#RANGE}, the threshold above the bin (values are less or equal), null when none is
 * @param value for a {@link Kind#VALUE}, the value (a categorical feature's code), else null
 * @param min the smallest value of the bin's rows (NaN for {@link Kind#MISSING})
 * @param max the largest value of the bin's rows (NaN for {@link Kind#MISSING})
 * @param rows how many rows have a value in the bin (at least 1: empty bins are not listed)
 * @param meanPhi the mean SHAP value of the feature over those rows
 * @param partialDependence the model's mean raw score over all rows with the feature set to a value of the bin
 */
public record ValueBin(
        Kind kind,
        Double lower,
        Double upper,
        Double value,
        double min,
        double max,
        long rows,
        double meanPhi,
        double partialDependence) {

    /** What a bin holds. */
    public enum Kind {
        /** The values between two consecutive thresholds of the model's splits on a numerical feature. */
        RANGE,
        /** One value of a categorical feature (a category code). */
        VALUE,
        /** Zero, which some split on the feature treats as missing (LightGBM's {@code zero_as_missing}). */
        ZERO,
        /** Missing values (NaN). */
        MISSING
    }

    public ValueBin {
        Objects.requireNonNull(kind, "kind");
        if (rows < 1) {
            throw new DependenceException("a bin of " + rows + " rows; bins are listed only when rows fall in them");
        }
    }
}
