package com.example.credit.core.model;

/**
 * A labelled training matrix for a test booster.
 *
 * @param rows the feature rows, all of the same length
 * @param labels 0 or 1 per row
 */
public record TrainingData(double[][] rows, float[] labels) {

    public TrainingData {
        if (rows.length != labels.length || rows.length == 0) {
            throw new IllegalArgumentException(rows.length + " rows and " + labels.length + " labels must match");
        }
    }

    public int numRows() {
        return rows.length;
    }

    public int numFeatures() {
        return rows[0].length;
    }

    /** The rows concatenated in row-major order, as LightGBM's dense matrix API takes them. */
    public double[] flatRows() {
        int n = numFeatures();
        double[] flat = new double[rows.length * n];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * n, n);
        }
        return flat;
    }
}
