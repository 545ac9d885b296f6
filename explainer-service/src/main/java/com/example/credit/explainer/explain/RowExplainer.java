package com.example.credit.explainer.explain;

import com.example.credit.core.calibration.ProbabilityCalibration;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.shap.InterventionalShap;
import com.example.credit.core.shap.InterventionalWorkspace;
import com.example.credit.core.shap.TreeShap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Predicts and explains encoded rows with the shared model and TreeSHAP, path-dependent or interventional against a
 * reference population. Stateless apart from them, so one instance serves all threads; TreeSHAP keeps its scratch
 * space per thread, interventional TreeSHAP gets a workspace per call.
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
     * Explains rows by path-dependent TreeSHAP; each gets exactly the explanation it gets alone, whatever else is in
     * the request (TreeSHAP walks each tree once for a block of rows, which is faster, and gives every row the bits
     * it gives it alone). The probability view is secant scaling ({@link ProbabilityView}).
     *
     * @param rows the encoded rows, features in model order (NaN for missing)
     * @param withInteractions whether to compute the (n times more costly) interaction matrices too
     */
    public List<ExplainedRow> explainAll(List<double[]> rows, boolean withInteractions) {
        double[][] block = rows.toArray(new double[0][]);
        double[][] contributions = new double[block.length][shap.numFeatures() + 1];
        // The raw scores come from the trees (the leaves the rows reach, the model's own bits), not from the sum of
        // contributions, so additivity stays checkable.
        double[] raw = new double[block.length];
        shap.contributions(block, contributions, raw);
        List<ExplainedRow> explained = new ArrayList<>(block.length);
        for (int r = 0; r < block.length; r++) {
            RowExplanation explanation = explanation(block[r], raw[r], contributions[r], withInteractions);
            explained.add(
                    new ExplainedRow(explanation, ProbabilityView.of(explanation, model.objective(), calibration)));
        }
        return explained;
    }

    /**
     * Explains rows by interventional TreeSHAP against a reference population: the log-odds values and the
     * probability view ({@value InterventionalShap#PROBABILITY_METHOD}) exactly as {@code reference} computes them,
     * bit for bit, with its base values (the reference's mean raw score and mean probability). Only for models
     * without probability calibration: the view is defined on the model's own sigmoid.
     *
     * @param rows the encoded rows, features in model order (NaN for missing)
     * @param reference interventional TreeSHAP of this model against the reference's rows
     * @throws IllegalStateException for a calibrated model
     */
    public List<ExplainedRow> explainAgainst(List<double[]> rows, InterventionalShap reference) {
        if (reference.model() != model) {
            throw new IllegalArgumentException("the reference population explains another model than this one");
        }
        if (!(calibration instanceof ProbabilityCalibration.None)) {
            throw new IllegalStateException("interventional explanations need a model without probability"
                    + " calibration, this one has " + calibration.method());
        }
        int n = reference.numFeatures();
        InterventionalWorkspace workspace = reference.newWorkspace();
        double[] logOdds = new double[n + 1];
        double[] probability = new double[n + 1];
        double[][] block = rows.toArray(new double[0][]);
        double[] raws = new double[block.length];
        model.predictRaw(block, raws);
        List<ExplainedRow> explained = new ArrayList<>(block.length);
        for (int r = 0; r < block.length; r++) {
            reference.explain(block[r], logOdds, probability, workspace);
            double raw = raws[r];
            double prediction = model.objective().probability(raw);
            RowExplanation explanation =
                    new RowExplanation(raw, prediction, logOdds[n], Arrays.copyOf(logOdds, n), null);
            explained.add(new ExplainedRow(
                    explanation, new ProbabilityView(probability[n], prediction, Arrays.copyOf(probability, n))));
        }
        return explained;
    }

    private RowExplanation explanation(double[] row, double raw, double[] contributions, boolean withInteractions) {
        int n = shap.numFeatures();
        double bias = contributions[n];
        double probability = calibration instanceof ProbabilityCalibration.None
                ? model.objective().probability(raw)
                : calibration.probability(raw);
        double[][] interactions = withInteractions ? shap.interactions(row) : null;
        return new RowExplanation(raw, probability, bias, Arrays.copyOf(contributions, n), interactions);
    }
}
