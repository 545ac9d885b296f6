package com.example.credit.explainer.model;

import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.schema.ApplicationValidator;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
import com.example.credit.core.shap.TreeShap;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded and cross-checked model directory: everything a request needs, built once and shared by all
 * threads (every part is immutable or thread-safe).
 *
 * @param directory where the model was read from
 * @param manifest the manifest ({@code model.json})
 * @param catalog the features of the schema stored beside the model
 * @param model the LightGBM model ({@code model.txt})
 * @param shap TreeSHAP prepared for the model
 * @param encoder turns applications into model rows exactly as training did
 * @param validator checks applications against the stored data schema
 * @param references the reference populations listed in the manifest, by name in manifest order (empty for a model
 *     without any): interventional TreeSHAP prepared against each
 */
public record ModelBundle(
        Path directory,
        ModelManifest manifest,
        FeatureCatalog catalog,
        LightGbmModel model,
        TreeShap shap,
        FeatureEncoder encoder,
        ApplicationValidator validator,
        Map<String, ReferencePopulation> references) {

    public ModelBundle {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(shap, "shap");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(validator, "validator");
        references = Collections.unmodifiableMap(new LinkedHashMap<>(references));
    }

    /** The reference population of that name, or empty. */
    public Optional<ReferencePopulation> reference(String name) {
        return Optional.ofNullable(references.get(name));
    }

    /** The names of the reference populations, in manifest order. */
    public List<String> referenceNames() {
        return List.copyOf(references.keySet());
    }

    /** The number of features of a row. */
    public int numFeatures() {
        return catalog.size();
    }
}
