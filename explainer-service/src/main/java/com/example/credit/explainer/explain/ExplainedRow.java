package com.example.credit.explainer.explain;

import java.util.Objects;

/**
 * One row explained by either method: its prediction and log-odds SHAP values, and their probability view as the
 * method defines it (secant scaling for path-dependent values, shap's per-reference-row scaling for interventional
 * ones).
 *
 * @param explanation the prediction and the exact SHAP values
 * @param view the same values on the probability scale, adding up from {@code view.baseline()} to the prediction
 */
public record ExplainedRow(RowExplanation explanation, ProbabilityView view) {

    public ExplainedRow {
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(view, "view");
    }
}
