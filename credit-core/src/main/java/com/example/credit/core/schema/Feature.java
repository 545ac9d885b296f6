package com.example.credit.core.schema;

import java.util.List;
import java.util.Objects;

/**
 * One model feature as the data schema describes it.
 *
 * @param name the wire name, for example {@code credit__amount}
 * @param index the position of the feature in model order (0-based)
 * @param title a short human title, for charts
 * @param description a plain-language description, for reasons and documentation
 * @param kind categorical or numeric
 * @param categories the allowed values of a categorical feature, in code order; empty for numeric ones
 * @param minimum the smallest allowed value of a numeric feature
 * @param maximum the largest allowed value of a numeric feature
 * @param monotone how a numeric feature may move the risk, all else equal ({@code x-monotone}); NONE for the rest
 */
public record Feature(
        String name,
        int index,
        String title,
        String description,
        FeatureKind kind,
        List<String> categories,
        double minimum,
        double maximum,
        Monotone monotone) {

    public Feature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(kind, "kind");
        categories = List.copyOf(categories);
        Objects.requireNonNull(monotone, "monotone");
        if (kind == FeatureKind.CATEGORICAL && monotone != Monotone.NONE) {
            throw new SchemaFormatException("categorical feature " + name + " has x-monotone " + monotone.schemaValue()
                    + "; a monotone constraint needs an ordered, numeric feature");
        }
        if (index < 0) {
            throw new SchemaFormatException("feature " + name + " has index " + index + ", must be non-negative");
        }
        if (kind == FeatureKind.CATEGORICAL && categories.isEmpty()) {
            throw new SchemaFormatException("categorical feature " + name + " must list its categories in an enum");
        }
        if (kind == FeatureKind.NUMERIC && !(minimum <= maximum)) {
            throw new SchemaFormatException(
                    "numeric feature " + name + " has minimum " + minimum + " above maximum " + maximum);
        }
    }

    /** A feature without a monotone constraint. */
    public Feature(
            String name,
            int index,
            String title,
            String description,
            FeatureKind kind,
            List<String> categories,
            double minimum,
            double maximum) {
        this(name, index, title, description, kind, categories, minimum, maximum, Monotone.NONE);
    }

    /**
     * What the feature is, for reason texts: the description without the credit rationale of a monotone constraint
     * that the schema appends to it ({@code "... Monotone increasing: ..."}).
     */
    public String meaning() {
        int rationale = description.indexOf(" Monotone ");
        return monotone == Monotone.NONE || rationale < 0 ? description : description.substring(0, rationale);
    }

    /**
     * The feature group used to summarise explanations: the part of the name before the first {@code __}
     * ({@code credit}, {@code finance}, {@code employment}, {@code residence}, {@code personal}, {@code contact}).
     */
    public String group() {
        int separator = name.indexOf("__");
        return separator < 0 ? name : name.substring(0, separator);
    }

    /** Whether the feature is categorical. */
    public boolean isCategorical() {
        return kind == FeatureKind.CATEGORICAL;
    }

    /** The code of a category, its position in {@link #categories()}, or -1 when the value is not one of them. */
    public int codeOf(String category) {
        return categories.indexOf(category);
    }
}
