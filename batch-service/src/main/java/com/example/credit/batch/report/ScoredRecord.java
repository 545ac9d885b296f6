package com.example.credit.batch.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One record of the batch output with its explanation, values in the feature catalogue's order.
 *
 * @param rowId the row id that joins it to its label
 * @param prediction the probability of default
 * @param expectedValue the SHAP base value (log-odds)
 * @param shapValues the exact SHAP values (log-odds), one per feature
 * @param baseline the probability at the base value (the waterfall's start)
 * @param contributions the SHAP values on the probability scale (they sum to prediction - baseline)
 * @param values the feature values as sent: strings for categorical features, numbers otherwise, null when absent
 * @param reasons the reason sentences, strongest first
 */
public record ScoredRecord(
        String rowId,
        double prediction,
        double expectedValue,
        List<Double> shapValues,
        double baseline,
        List<Double> contributions,
        List<Object> values,
        List<String> reasons) {

    public ScoredRecord {
        Objects.requireNonNull(rowId, "rowId");
        shapValues = List.copyOf(shapValues);
        contributions = List.copyOf(contributions);
        // Values may be null (a missing feature), which List.copyOf refuses.
        values = Collections.unmodifiableList(new ArrayList<>(values));
        reasons = List.copyOf(reasons);
        if (shapValues.size() != contributions.size() || shapValues.size() != values.size()) {
            throw new IllegalArgumentException("record " + rowId + " has " + shapValues.size() + " SHAP values, "
                    + contributions.size() + " contributions and " + values.size() + " values; need one per feature");
        }
    }
}
