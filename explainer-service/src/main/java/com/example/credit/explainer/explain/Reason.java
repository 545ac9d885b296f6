package com.example.credit.explainer.explain;

import java.util.Objects;

/**
 * One reason code: a feature that pushed this application towards default.
 *
 * @param rank 1 for the strongest reason
 * @param feature the feature name
 * @param title the feature's title from the schema
 * @param value the application's value of the feature as sent ({@code null} when missing)
 * @param shapValue the exact SHAP value (log-odds), always positive
 * @param probabilityContribution the same contribution on the probability scale ({@link ProbabilityView})
 * @param text a plain-language sentence for an adverse-action notice
 */
public record Reason(
        int rank,
        String feature,
        String title,
        Object value,
        double shapValue,
        double probabilityContribution,
        String text) {

    public Reason {
        if (rank < 1) {
            throw new IllegalArgumentException("reason rank " + rank + " must be 1 or more");
        }
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        if (!(shapValue > 0)) {
            throw new IllegalArgumentException(
                    "reason " + feature + " has SHAP value " + shapValue + "; a reason must push towards default");
        }
    }
}
