package com.example.credit.explainer.model;

import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.schema.ApplicationValidator;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
import com.example.credit.core.shap.TreeShap;
import java.nio.file.Path;
import java.util.Objects;

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
 */
public record ModelBundle(
        Path directory,
        ModelManifest manifest,
        FeatureCatalog catalog,
        LightGbmModel model,
        TreeShap shap,
        FeatureEncoder encoder,
        ApplicationValidator validator) {

    public ModelBundle {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(shap, "shap");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(validator, "validator");
    }

    /** The number of features of a row. */
    public int numFeatures() {
        return catalog.size();
    }
}
