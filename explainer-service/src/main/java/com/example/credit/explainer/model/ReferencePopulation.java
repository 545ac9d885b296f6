package com.example.credit.explainer.model;

import com.example.credit.core.manifest.ReferenceSet;
import com.example.credit.core.shap.InterventionalShap;
import java.util.Objects;

/**
 * A reference population of the model, loaded: its manifest entry and interventional TreeSHAP prepared against its
 * rows (immutable and thread-safe, built once at start).
 *
 * @param set the manifest's entry (name, file, description, rows, SHA-256)
 * @param shap interventional TreeSHAP against the set's rows
 */
public record ReferencePopulation(ReferenceSet set, InterventionalShap shap) {

    public ReferencePopulation {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(shap, "shap");
        if (shap.backgroundSize() != set.rows()) {
            throw new IllegalArgumentException("reference set " + set.name() + " lists " + set.rows()
                    + " rows, its explainer has " + shap.backgroundSize());
        }
    }

    /** The reference's name, as requests choose it. */
    public String name() {
        return set.name();
    }

    /** The number of rows every explanation against it walks. */
    public int rows() {
        return set.rows();
    }
}
