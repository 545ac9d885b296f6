package com.example.credit.explainer.explain;

import java.util.Arrays;

/**
 * The prediction of one row and its exact TreeSHAP explanation on the log-odds scale, path-dependent or
 * interventional: {@code expectedValue + sum(shapValues) == rawScore} up to rounding.
 *
 * @param rawScore the model's raw score (log-odds)
 * @param probability the probability of default
 * @param expectedValue the SHAP base value: LightGBM's bias column (path-dependent) or the reference population's
 *     mean raw score (interventional)
 * @param shapValues one SHAP value per feature, in model order
 * @param interactions the SHAP interaction matrix (feature × feature), or {@code null} when not asked for
 */
public record RowExplanation(
        double rawScore, double probability, double expectedValue, double[] shapValues, double[][] interactions) {

    public RowExplanation {
        shapValues = shapValues.clone();
        if (interactions != null) {
            if (interactions.length != shapValues.length) {
                throw new IllegalArgumentException("interaction matrix has " + interactions.length
                        + " rows, must have one per feature (" + shapValues.length + ")");
            }
            interactions = Arrays.stream(interactions).map(double[]::clone).toArray(double[][]::new);
        }
    }

    /** A copy of the SHAP values. */
    @Override
    public double[] shapValues() {
        return shapValues.clone();
    }

    /** The SHAP value of one feature. */
    public double shapValue(int featureIndex) {
        return shapValues[featureIndex];
    }

    /** The interaction value of a feature pair; requires interactions to have been computed. */
    public double interaction(int row, int column) {
        if (interactions == null) {
            throw new IllegalStateException("interaction values were not computed for this row");
        }
        return interactions[row][column];
    }

    /** Whether interaction values were computed. */
    public boolean hasInteractions() {
        return interactions != null;
    }

    /** A copy of the interaction matrix, or {@code null}. */
    @Override
    public double[][] interactions() {
        return interactions == null
                ? null
                : Arrays.stream(interactions).map(double[]::clone).toArray(double[][]::new);
    }

    /** The number of features. */
    public int numFeatures() {
        return shapValues.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowExplanation that
                && Double.compare(rawScore, that.rawScore) == 0
                && Double.compare(probability, that.probability) == 0
                && Double.compare(expectedValue, that.expectedValue) == 0
                && Arrays.equals(shapValues, that.shapValues)
                && Arrays.deepEquals(interactions, that.interactions);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shapValues) + Double.hashCode(rawScore);
    }

    @Override
    public String toString() {
        return "RowExplanation[rawScore=" + rawScore + ", probability=" + probability + ", expectedValue="
                + expectedValue + ", shapValues=" + Arrays.toString(shapValues) + "]";
    }
}
