package com.example.credit.explainer.explain;

import com.example.credit.core.calibration.ProbabilityCalibration;
import com.example.credit.core.model.Objective;
import java.util.Arrays;

/**
 * SHAP values mapped onto the probability scale for display. The log-odds values stay the exact ones; this
 * view only rescales them.
 *
 * <p>Method ("secant scaling"): every log-odds value {@code phi_i} is multiplied by the same factor
 * {@code (p(x) - p(base)) / sum(phi)}, the slope of the sigmoid between the base value and the prediction.
 * Each feature keeps its sign and its share of the total, and the values add up exactly to
 * {@code p(x) - p(base)}, so a waterfall from the baseline probability ends at the predicted probability.
 * When {@code sum(phi)} is (nearly) zero the slope is the sigmoid's derivative at the base value, its limit.
 *
 * @param baseline the probability at the SHAP base value, {@code p(base)}
 * @param prediction the predicted probability, {@code p(x)}
 * @param contributions one probability contribution per feature, in model order
 */
public record ProbabilityView(double baseline, double prediction, double[] contributions) {

    /** The name and version of the method, reported with every view. */
    public static final String METHOD = "secant-scaling/1";

    /** Below this |sum(phi)| the secant is replaced by the tangent, its limit, to avoid 0/0. */
    private static final double FLAT = 1e-12;

    public ProbabilityView {
        contributions = contributions.clone();
    }

    /**
     * The method as responses and the page report it: {@link #METHOD}, and the calibration when there is one
     * ({@code secant-scaling/1, platt-calibrated}).
     */
    public static String method(ProbabilityCalibration calibration) {
        return calibration instanceof ProbabilityCalibration.None
                ? METHOD
                : METHOD + ", " + calibration.method() + "-calibrated";
    }

    /**
     * The probability view on the calibrated probability scale: the same secant scaling between the calibrated
     * probability of the base value and that of the prediction ({@code explanation.probability()}, which
     * {@link RowExplainer} calibrated). The log-odds SHAP values stay exact; without calibration this is
     * {@link #of(RowExplanation, Objective)}.
     */
    public static ProbabilityView of(
            RowExplanation explanation, Objective objective, ProbabilityCalibration calibration) {
        if (calibration instanceof ProbabilityCalibration.None) {
            return of(explanation, objective);
        }
        double[] phi = explanation.shapValues();
        double sum = 0;
        for (double value : phi) {
            sum += value;
        }
        double base = explanation.expectedValue();
        double baseline = calibration.probability(base);
        double prediction = explanation.probability();
        // The flat case's slope: the calibration's derivative at the base value, by a central difference.
        double step = 1e-6;
        double slope = Math.abs(sum) < FLAT
                ? (calibration.probability(base + step) - calibration.probability(base - step)) / (2 * step)
                : (prediction - baseline) / sum;
        double[] scaled = new double[phi.length];
        for (int i = 0; i < phi.length; i++) {
            scaled[i] = phi[i] * slope;
        }
        return new ProbabilityView(baseline, prediction, scaled);
    }

    /** The probability view of an explanation under the model's objective. */
    public static ProbabilityView of(RowExplanation explanation, Objective objective) {
        double[] phi = explanation.shapValues();
        double sum = 0;
        for (double value : phi) {
            sum += value;
        }
        double baseline = objective.probability(explanation.expectedValue());
        double prediction = explanation.probability();
        double slope =
                Math.abs(sum) < FLAT ? objective.sigmoid() * baseline * (1 - baseline) : (prediction - baseline) / sum;
        double[] scaled = new double[phi.length];
        for (int i = 0; i < phi.length; i++) {
            scaled[i] = phi[i] * slope;
        }
        return new ProbabilityView(baseline, prediction, scaled);
    }

    /** A copy of the contributions. */
    @Override
    public double[] contributions() {
        return contributions.clone();
    }

    /** The probability contribution of one feature. */
    public double contribution(int featureIndex) {
        return contributions[featureIndex];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProbabilityView that
                && Double.compare(baseline, that.baseline) == 0
                && Double.compare(prediction, that.prediction) == 0
                && Arrays.equals(contributions, that.contributions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(contributions) * 31 + Double.hashCode(prediction);
    }

    @Override
    public String toString() {
        return "ProbabilityView[baseline=" + baseline + ", prediction=" + prediction + ", contributions="
                + Arrays.toString(contributions) + "]";
    }
}
