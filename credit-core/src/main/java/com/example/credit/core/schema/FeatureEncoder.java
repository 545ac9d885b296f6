package com.example.credit.core.schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Turns an application into the model's input vector exactly as training did: features in catalogue order,
 * a categorical value as its position in the schema's enum, a number as itself, an absent or null value as
 * NaN (LightGBM's missing value). Stateless and thread-safe.
 */
public final class FeatureEncoder {

    private final FeatureCatalog catalog;
    private final List<Feature> features;

    public FeatureEncoder(FeatureCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.features = catalog.features();
    }

    /** The catalogue this encoder follows. */
    public FeatureCatalog catalog() {
        return catalog;
    }

    /** Encodes a JSON object into a new vector. */
    public double[] encode(JsonNode application) {
        double[] row = new double[features.size()];
        encodeInto(application, row);
        return row;
    }

    /**
     * Encodes a JSON object into {@code out}, which must hold one slot a feature.
     *
     * @throws InvalidApplicationException when a value has the wrong type or is not one of its feature's
     *     categories
     */
    public void encodeInto(JsonNode application, double[] out) {
        checkLength(out);
        for (Feature feature : features) {
            JsonNode value = application.get(feature.name());
            out[feature.index()] = value == null || value.isNull() ? Double.NaN : encodeNode(feature, value);
        }
    }

    /** Encodes a map of feature values (strings for categories, numbers otherwise) into a new vector. */
    public double[] encode(Map<String, ?> application) {
        double[] row = new double[features.size()];
        for (Feature feature : features) {
            Object value = application.get(feature.name());
            row[feature.index()] = value == null ? Double.NaN : encodeValue(feature, value);
        }
        return row;
    }

    /**
     * The wire value of one encoded slot: the category for a categorical feature, the number otherwise, and
     * {@code null} for a missing value.
     */
    public Object decode(int featureIndex, double code) {
        Feature feature = features.get(featureIndex);
        if (Double.isNaN(code)) {
            return null;
        }
        if (feature.isCategorical()) {
            int index = (int) code;
            if (index != code || index < 0 || index >= feature.categories().size()) {
                throw new IllegalArgumentException(
                        "code " + code + " is not a category of " + feature.name() + " " + feature.categories());
            }
            return feature.categories().get(index);
        }
        return code == Math.rint(code) && Math.abs(code) < 1e15 ? (Object) (long) code : (Object) code;
    }

    private double encodeNode(Feature feature, JsonNode value) {
        if (feature.isCategorical()) {
            if (!value.isString()) {
                throw invalid(feature, "type", "must be a string, one of " + feature.categories() + ", not " + value);
            }
            return categoryCode(feature, value.asString());
        }
        if (!value.isNumber()) {
            throw invalid(feature, "type", "must be a number, not " + value);
        }
        return value.asDouble();
    }

    private double encodeValue(Feature feature, Object value) {
        if (feature.isCategorical()) {
            if (!(value instanceof String text)) {
                throw invalid(feature, "type", "must be a string, one of " + feature.categories() + ", not " + value);
            }
            return categoryCode(feature, text);
        }
        if (!(value instanceof Number number)) {
            throw invalid(feature, "type", "must be a number, not '" + value + "'");
        }
        return number.doubleValue();
    }

    private double categoryCode(Feature feature, String category) {
        int code = feature.codeOf(category);
        if (code < 0) {
            throw invalid(feature, "enum", "value '" + category + "' is not one of " + feature.categories());
        }
        return code;
    }

    private void checkLength(double[] out) {
        if (out.length != features.size()) {
            throw new IllegalArgumentException(
                    "output vector has " + out.length + " slots, the model has " + features.size() + " features");
        }
    }

    private static InvalidApplicationException invalid(Feature feature, String rule, String what) {
        return new InvalidApplicationException(
                List.of(new Violation(feature.name(), rule, feature.name() + ": " + what + " (rule: " + rule + ")")));
    }
}
