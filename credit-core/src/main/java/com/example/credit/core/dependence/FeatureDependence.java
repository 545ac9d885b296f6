package com.example.credit.core.dependence;

import java.util.List;

/**
 * A feature's global explanation over a set of explained rows: its SHAP values by value (the SHAP-based partial
 * dependence) beside the model's own partial dependence, bin by bin.
 *
 * @param feature the feature's index in the model
 * @param name the feature's name in the model
 * @param categorical whether the model splits the feature by category
 * @param meanAbsPhi the mean |φ| of the feature over all rows (its global importance)
 * @param meanPhi the mean φ over all rows
 * @param meanPartialDependence the mean of the partial dependence over the rows' own values of the feature
 *     ({@code Σ rows × partialDependence / Σ rows} over the bins): subtracted from each bin's partial dependence, it
 *     centres the curve like the SHAP values
 * @param bins the non-empty bins, in the order of their values (missing last)
 */
public record FeatureDependence(
        int feature,
        String name,
        boolean categorical,
        double meanAbsPhi,
        double meanPhi,
        double meanPartialDependence,
        List<ValueBin> bins) {

    public FeatureDependence {
        bins = List.copyOf(bins);
    }
}
