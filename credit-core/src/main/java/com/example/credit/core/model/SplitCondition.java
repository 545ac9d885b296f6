package com.example.credit.core.model;

import java.util.List;
import java.util.Objects;

/** The test a split node applies to its feature value; a value passing it goes to the left child. */
public sealed interface SplitCondition {

    /**
     * A numerical split: {@code value <= threshold} goes left, missing values as {@code missingType} says.
     *
     * @param threshold the threshold on the raw feature value
     * @param missingType which values count as missing
     * @param defaultLeft whether missing values go left
     */
    record Numerical(double threshold, MissingType missingType, boolean defaultLeft) implements SplitCondition {

        public Numerical {
            Objects.requireNonNull(missingType, "missingType");
            if (Double.isNaN(threshold)) {
                throw new ModelFormatException("numerical threshold is NaN, it must be a number");
            }
        }
    }

    /**
     * A categorical split: the listed categories go left; every other value, negative values and NaN go
     * right.
     *
     * @param leftCategories the non-negative category codes that go left, ascending
     */
    record Categorical(List<Integer> leftCategories) implements SplitCondition {

        public Categorical {
            leftCategories = List.copyOf(leftCategories);
            int previous = -1;
            for (int category : leftCategories) {
                if (category <= previous) {
                    throw new ModelFormatException("left categories " + leftCategories
                            + " must be non-negative and strictly ascending, found " + category + " after " + previous);
                }
                previous = category;
            }
        }
    }
}
