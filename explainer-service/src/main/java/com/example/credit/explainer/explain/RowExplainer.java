package com.example.credit.explainer.explain;

import com.example.credit.core.calibration.ProbabilityCalibration;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.shap.TreeShap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Predicts and explains encoded rows with the shared model and TreeSHAP. Stateless apart from them, so one
 * instance serves all threads; TreeSHAP keeps its scratch space per thread.
 */
public final class RowExplainer {

    private final LightGbmModel model;
    private final TreeShap shap;
    private final ProbabilityCalibration calibration;

    /** An explainer whose probabilities are the model objective's. */
    public RowExplainer(TreeShap shap) {
        this(shap, new ProbabilityCalibration.None());
    }

    /**
     * An explainer whose probabilities go through the model's calibration (model.json); SHAP values stay those of
     * the raw score.
     */
    public RowExplainer(TreeShap shap, ProbabilityCalibration calibration) {
        this.shap = Objects.requireNonNull(shap, "shap");
        this.model = shap.model();
        this.calibration = Objects.requireNonNull(calibration, "calibration");
    }

    /**
     * Explains rows; each gets exactly the explanation it gets alone, whatever else is in the request (TreeSHAP
     * walks each tree once for a block of rows, which is faster, and gives every row the bits it gives it alone).
     *
     * @param rows the encoded rows, features in model order (NaN for missing)
     * @param withInteractions whether to compute the (n times more costly) interaction matrices too
     */
    public List<RowExplanation> explainAll(List<double[]> rows, boolean withInteractions) {
        double[][] block = rows.toArray(new double[0][]);
        double[][] contributions = new double[block.length][shap.numFeatures() + 1];
        shap.contributions(block, contributions);
        List<RowExplanation> explanations = new ArrayList<>(block.length);
        for (int r = 0; r < block.length; r++) {
            explanations.add(explanation(block[r], contributions[r], withInteractions));
        }
        return explanations;
    }

    private RowExplanation explanation(double[] row, double[] contributions, boolean withInteractions) {
        int n = shap.numFeatures();
        double bias = contributions[n];
        // The raw score comes from the trees, not from the sum of contributions, so additivity stays checkable.
        double raw = model.predictRaw(row);
        double probability = calibration instanceof ProbabilityCalibration.None
                ? model.objective().probability(raw)
                : calibration.probability(raw);
        double[][] interactions = withInteractions ? shap.interactions(row) : null;
        return new RowExplanation(raw, probability, bias, Arrays.copyOf(contributions, n), interactions);
    }
}
