package com.example.credit.core.manifest;

import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureKind;
import java.util.List;
import java.util.Objects;

/**
 * A feature as the model was trained on it: its position and, for a categorical feature, the code table
 * (code = position in {@code categories}).
 *
 * @param name the wire name
 * @param index the position in the model's input vector
 * @param kind categorical or numeric
 * @param categories the code table of a categorical feature; empty otherwise
 */
public record ManifestFeature(String name, int index, FeatureKind kind, List<String> categories) {

    public ManifestFeature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        categories = List.copyOf(categories);
        if (index < 0) {
            throw new ManifestException("feature " + name + " has index " + index + ", must be non-negative");
        }
    }

    /** The manifest entry for a catalogue feature. */
    public static ManifestFeature of(Feature feature) {
        return new ManifestFeature(feature.name(), feature.index(), feature.kind(), feature.categories());
    }
}
