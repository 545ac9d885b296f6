package com.example.credit.explainer.model;

import com.example.credit.core.CreditCoreException;
import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.manifest.ModelManifestJson;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.schema.ApplicationValidator;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
import com.example.credit.core.shap.TreeShap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a model directory as training writes it and checks that its parts agree, so that a bad directory
 * stops the service at start with a message naming the file and the problem, never at the first request.
 */
public final class ModelLoader {

    private ModelLoader() {}

    /**
     * Loads and cross-checks a model directory.
     *
     * @throws ModelLoadException naming the file and what is wrong with it
     */
    public static ModelBundle load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ModelLoadException("model directory " + directory + " does not exist or is not a directory");
        }
        FeatureCatalog catalog = readCatalog(directory);
        ModelManifest manifest = readManifest(directory);
        Path modelFile = directory.resolve(manifest.modelFile());
        LightGbmModel model = readModel(modelFile);
        try {
            manifest.requireCompatibleWith(catalog);
        } catch (CreditCoreException e) {
            throw new ModelLoadException(
                    directory.resolve(ModelManifestJson.FILE_NAME) + " does not match "
                            + directory.resolve(FeatureCatalog.DATA_SCHEMA_FILE) + ": " + e.getMessage(),
                    e);
        }
        if (!model.featureNames().equals(manifest.featureNames())) {
            throw new ModelLoadException(modelFile + " has the features " + model.featureNames() + ", but "
                    + directory.resolve(ModelManifestJson.FILE_NAME) + " lists " + manifest.featureNames());
        }
        TreeShap shap;
        try {
            shap = TreeShap.of(model);
        } catch (CreditCoreException e) {
            throw new ModelLoadException(modelFile + " cannot be explained with TreeSHAP: " + e.getMessage(), e);
        }
        return new ModelBundle(
                directory,
                manifest,
                catalog,
                model,
                shap,
                new FeatureEncoder(catalog),
                ApplicationValidator.forApplications(catalog));
    }

    private static FeatureCatalog readCatalog(Path directory) {
        String data = readText(directory.resolve(FeatureCatalog.DATA_SCHEMA_FILE));
        String label = readText(directory.resolve(FeatureCatalog.LABEL_SCHEMA_FILE));
        try {
            return FeatureCatalog.fromSchemas(data, label);
        } catch (CreditCoreException e) {
            throw new ModelLoadException(
                    "schema " + directory.resolve(FeatureCatalog.DATA_SCHEMA_FILE) + " (or "
                            + FeatureCatalog.LABEL_SCHEMA_FILE + ") is invalid: " + e.getMessage(),
                    e);
        }
    }

    private static ModelManifest readManifest(Path directory) {
        Path file = directory.resolve(ModelManifestJson.FILE_NAME);
        String text = readText(file);
        try {
            return ModelManifestJson.read(text);
        } catch (RuntimeException e) {
            throw new ModelLoadException("model manifest " + file + " is invalid: " + e.getMessage(), e);
        }
    }

    private static LightGbmModel readModel(Path file) {
        String text = readText(file);
        try {
            return LightGbmModel.parse(text);
        } catch (RuntimeException e) {
            // Any failure of the parser means the same thing here: this file is not a usable model.
            throw new ModelLoadException("model file " + file + " is corrupt: " + e.getMessage(), e);
        }
    }

    private static String readText(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("model directory file " + file + " is missing");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelLoadException("model directory file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
