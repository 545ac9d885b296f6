package com.example.credit.training.data;

import java.util.Arrays;
import java.util.HashSet;
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
    private final List<String> groups;

    /**
     * Rows that are each their own split group.
     *
     * @param rowIds the row ids, one a row
     * @param matrix the feature values, row-major, {@code rowIds.size() * columns} of them
     * @param labels whether each row defaulted
     * @param columns the number of features
     */
    public LabelledRows(List<String> rowIds, double[] matrix, boolean[] labels, int columns) {
        this(rowIds, matrix, labels, columns, rowIds);
    }

    /**
     * @param rowIds the row ids, one a row
     * @param matrix the feature values, row-major, {@code rowIds.size() * columns} of them
     * @param labels whether each row defaulted
     * @param columns the number of features
     * @param groups each row's split group (near-duplicates share one), which cross-validation keeps in one fold
     */
    public LabelledRows(List<String> rowIds, double[] matrix, boolean[] labels, int columns, List<String> groups) {
        this.rowIds = List.copyOf(rowIds);
        this.groups = List.copyOf(groups);
        if (this.groups.size() != this.rowIds.size()) {
            throw new IllegalArgumentException(
                    "rows disagree: " + this.rowIds.size() + " row ids and " + this.groups.size() + " groups");
        }
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

    /** Each row's split group, in row order (the row id itself where no groups were given). */
    public List<String> groups() {
        return groups;
    }

    /** The number of distinct split groups. */
    public int groupCount() {
        return new HashSet<>(groups).size();
    }

    /** The same rows with these groups, one a row in row order. */
    public LabelledRows withGroups(List<String> rowGroups) {
        return new LabelledRows(rowIds, matrix, labels, columns, rowGroups);
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
        String[] selectedGroups = new String[positions.length];
        for (int i = 0; i < positions.length; i++) {
            int row = positions[i];
            System.arraycopy(matrix, row * columns, selected, i * columns, columns);
            selectedLabels[i] = labels[row];
            selectedIds[i] = rowIds.get(row);
            selectedGroups[i] = groups.get(row);
        }
        return new LabelledRows(
                Arrays.asList(selectedIds), selected, selectedLabels, columns, Arrays.asList(selectedGroups));
    }
}
