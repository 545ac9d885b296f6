package com.example.credit.core.bias;

import java.util.List;

/**
 * The mean SHAP values of one group of applicants.
 *
 * @param rows the group's rows
 * @param features per feature in model order, the group's mean and mean absolute SHAP value; empty when the group
 *     has no rows (a mean of nothing is not a number)
 */
public record GroupAttribution(long rows, List<FeatureAttribution> features) {

    public GroupAttribution {
        features = List.copyOf(features);
        if (rows < 0) {
            throw new BiasException("a group's row count must not be negative; got " + rows);
        }
        if (rows == 0 && !features.isEmpty()) {
            throw new BiasException("a group without rows has no mean SHAP values");
        }
    }
}
