package com.example.credit.core.bias;

import java.util.Objects;

/**
 * How much one feature moved a group's scores on average.
 *
 * @param feature the feature's name
 * @param meanShap the mean SHAP value (log-odds of default): the direction the feature pushed the group's scores on
 *     the whole
 * @param meanAbsShap the mean absolute SHAP value: how much the feature moved the group's scores, either way (the
 *     measure Clarify calls global SHAP values)
 */
public record FeatureAttribution(String feature, double meanShap, double meanAbsShap) {

    public FeatureAttribution {
        Objects.requireNonNull(feature, "feature");
        if (!Double.isFinite(meanShap) || !(meanAbsShap >= 0) || !Double.isFinite(meanAbsShap)) {
            throw new BiasException("feature " + feature + " needs a finite mean SHAP value and a finite, non-negative"
                    + " mean |SHAP| value; got " + meanShap + " and " + meanAbsShap);
        }
    }
}
