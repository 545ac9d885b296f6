package com.example.credit.training.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Encoded rows with their labels, sorted by row id so that training never depends on how the ETL partitioned
 * its output. Features are row-major in model order (categories as codes, missing values as NaN). Immutable:
 * accessors hand out copies.
 */
public final class LabelledRows {

    private final List<String> rowIds;
    private final double[] matrix;
    private final boolean[] labels;
    private final int columns;

    /**
     * @param rowIds the row ids, one a row
     * @param matrix the feature values, row-major, {@code rowIds.size() * columns} of them
     * @param labels whether each row defaulted
     * @param columns the number of features
     */
    public LabelledRows(List<String> rowIds, double[] matrix, boolean[] labels, int columns) {
        this.rowIds = List.copyOf(rowIds);
        this.matrix = matrix.clone();
        this.labels = labels.clone();
        this.columns = columns;
        if (columns < 1) {
            throw new IllegalArgumentException("columns is " + columns + ", must be at least 1");
        }
        if (labels.length != this.rowIds.size() || matrix.length != (long) labels.length * columns) {
            throw new IllegalArgumentException("rows disagree: " + this.rowIds.size() + " row ids, " + labels.length
                    + " labels and " + matrix.length + " values for " + columns + " columns");
        }
    }

    /** The number of rows. */
    public int rows() {
        return labels.length;
    }

    /** The number of features a row. */
    public int columns() {
        return columns;
    }

    /** The row ids, in row order. */
    public List<String> rowIds() {
        return rowIds;
    }

    /** A copy of the feature values, row-major. */
    public double[] matrix() {
        return matrix.clone();
    }

    /** A copy of the labels, true where the credit defaulted. */
    public boolean[] labels() {
        return labels.clone();
    }

    /** The number of rows labelled as defaulted. */
    public int positives() {
        int positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        return positives;
    }

    /** The rows at these positions, in the given order. */
    public LabelledRows select(int[] positions) {
        Objects.requireNonNull(positions, "positions");
        double[] selected = new double[positions.length * columns];
        boolean[] selectedLabels = new boolean[positions.length];
        String[] selectedIds = new String[positions.length];
        for (int i = 0; i < positions.length; i++) {
            int row = positions[i];
            System.arraycopy(matrix, row * columns, selected, i * columns, columns);
            selectedLabels[i] = labels[row];
            selectedIds[i] = rowIds.get(row);
        }
        return new LabelledRows(Arrays.asList(selectedIds), selected, selectedLabels, columns);
    }
}
