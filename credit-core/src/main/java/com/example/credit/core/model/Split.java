package com.example.credit.core.model;

import java.util.Objects;

/**
 * One internal node of a tree.
 *
 * <p>Children use LightGBM's encoding: a value {@code >= 0} is the index of another split of the same tree,
 * a negative value {@code c} is the leaf {@code ~c}.
 *
 * @param feature the index of the feature the split tests
 * @param condition the test applied to the feature value
 * @param leftChild the node taken when the condition holds
 * @param rightChild the node taken otherwise
 * @param count the number of training rows that reached this node (TreeSHAP's cover)
 */
public record Split(int feature, SplitCondition condition, int leftChild, int rightChild, int count) {

    public Split {
        Objects.requireNonNull(condition, "condition");
        if (feature < 0) {
            throw new ModelFormatException("split feature " + feature + " must be non-negative");
        }
        if (count < 0) {
            throw new ModelFormatException("internal_count " + count + " must be non-negative");
        }
    }
}
