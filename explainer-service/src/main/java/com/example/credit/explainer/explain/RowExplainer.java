package com.example.credit.explainer.explain;

import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.shap.TreeShap;
import java.util.Arrays;
import java.util.Objects;

/**
 * Predicts and explains one encoded row with the shared model and TreeSHAP. Stateless apart from them, so one
 * instance serves all threads; TreeSHAP keeps its scratch space per thread.
 */
public final class RowExplainer {

    private final LightGbmModel model;
    private final TreeShap shap;

    public RowExplainer(TreeShap shap) {
        this.shap = Objects.requireNonNull(shap, "shap");
        this.model = shap.model();
    }

    /**
     * Explains a row.
     *
     * @param row the encoded features in model order (NaN for missing)
     * @param withInteractions whether to compute the (n times more costly) interaction matrix too
     */
    public RowExplanation explain(double[] row, boolean withInteractions) {
        double[] contributions = shap.contributions(row);
        int n = shap.numFeatures();
        double bias = contributions[n];
        // The raw score comes from the trees, not from the sum of contributions, so additivity stays checkable.
        double raw = model.predictRaw(row);
        double probability = model.objective().probability(raw);
        double[][] interactions = withInteractions ? shap.interactions(row) : null;
        return new RowExplanation(raw, probability, bias, Arrays.copyOf(contributions, n), interactions);
    }
}
