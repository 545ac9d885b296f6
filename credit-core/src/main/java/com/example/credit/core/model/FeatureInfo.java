package com.example.credit.core.model;

import java.util.List;

/** What the model text's {@code feature_infos} says about one feature: its training range or categories. */
public sealed interface FeatureInfo {

    /** Whether the feature was treated as categorical in training. */
    default boolean isCategorical() {
        return this instanceof Categorical;
    }

    /**
     * A numerical feature and the range of values it had in training ({@code [min:max]}).
     *
     * @param min the smallest training value
     * @param max the largest training value
     */
    record Numerical(double min, double max) implements FeatureInfo {

        public Numerical {
            if (!(min <= max)) {
                throw new ModelFormatException("feature range [" + min + ":" + max + "] must have min <= max");
            }
        }
    }

    /**
     * A categorical feature and the category codes seen in training, in the order the text lists them
     * (LightGBM lists -1 for the bin of rare and missing values).
     *
     * @param categories the category codes
     */
    record Categorical(List<Integer> categories) implements FeatureInfo {

        public Categorical {
            categories = List.copyOf(categories);
        }
    }

    /** A feature LightGBM did not use, for example because it was constant in training ({@code none}). */
    record Unused() implements FeatureInfo {}

    /** Reads one entry of {@code feature_infos}. */
    static FeatureInfo parse(String text) {
        if (text.equals("none")) {
            return new Unused();
        }
        try {
            if (text.startsWith("[") && text.endsWith("]")) {
                String[] bounds = text.substring(1, text.length() - 1).split(":", -1);
                if (bounds.length != 2) {
                    throw new ModelFormatException("feature info '" + text + "' must look like [min:max]");
                }
                return new Numerical(ModelNumbers.parseDouble(bounds[0]), ModelNumbers.parseDouble(bounds[1]));
            }
            String[] codes = text.split(":", -1);
            Integer[] categories = new Integer[codes.length];
            for (int i = 0; i < codes.length; i++) {
                categories[i] = Integer.parseInt(codes[i]);
            }
            return new Categorical(List.of(categories));
        } catch (NumberFormatException e) {
            throw new ModelFormatException(
                    "feature info '" + text + "' must be none, [min:max] or colon-separated category codes", e);
        }
    }
}
