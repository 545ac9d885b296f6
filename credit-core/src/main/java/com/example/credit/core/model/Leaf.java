package com.example.credit.core.model;

/**
 * One leaf of a tree.
 *
 * @param value the leaf output on the raw-score (log-odds) scale, shrinkage already applied
 * @param count the number of training rows that reached the leaf (TreeSHAP's cover; 0 in a one-leaf tree)
 */
public record Leaf(double value, int count) {

    public Leaf {
        if (!Double.isFinite(value)) {
            throw new ModelFormatException("leaf_value " + value + " must be finite");
        }
        if (count < 0) {
            throw new ModelFormatException("leaf_count " + count + " must be non-negative");
        }
    }
}
