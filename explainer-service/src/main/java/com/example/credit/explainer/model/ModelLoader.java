package com.example.credit.explainer.model;

import com.example.credit.core.CreditCoreException;
import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.manifest.ModelManifestJson;
import com.example.credit.core.manifest.ReferenceRows;
import com.example.credit.core.manifest.ReferenceSet;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.schema.ApplicationValidator;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
import com.example.credit.core.shap.InterventionalShap;
import com.example.credit.core.shap.TreeShap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a model directory as training writes it and checks that its parts agree, so that a bad directory
 * stops the service at start with a message naming the file and the problem, never at the first request.
 */
public final class ModelLoader {

    /** The most rows a reference population may have unless told otherwise (training writes at most this many). */
    public static final int DEFAULT_MAX_REFERENCE_ROWS = 1000;

    private ModelLoader() {}

    /**
     * Loads and cross-checks a model directory, with reference populations of at most
     * {@value #DEFAULT_MAX_REFERENCE_ROWS} rows.
     *
     * @throws ModelLoadException naming the file and what is wrong with it
     */
    public static ModelBundle load(Path directory) {
        return load(directory, DEFAULT_MAX_REFERENCE_ROWS);
    }

    /**
     * Loads and cross-checks a model directory: the schemas, the manifest, the model and every reference population
     * the manifest lists (each file against its digest and row count, its rows against the features).
     *
     * @param maxReferenceRows the most rows a reference population may have ({@code explainer.max-reference-rows})
     * @throws ModelLoadException naming the file and what is wrong with it
     */
    public static ModelBundle load(Path directory, int maxReferenceRows) {
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
        Map<String, ReferencePopulation> references = new LinkedHashMap<>();
        for (ReferenceSet set : manifest.references()) {
            references.put(set.name(), readReference(directory, manifest, model, set, maxReferenceRows));
        }
        return new ModelBundle(
                directory,
                manifest,
                catalog,
                model,
                shap,
                new FeatureEncoder(catalog),
                ApplicationValidator.forApplications(catalog),
                references);
    }

    private static ReferencePopulation readReference(
            Path directory, ModelManifest manifest, LightGbmModel model, ReferenceSet set, int maxReferenceRows) {
        Path file = directory.resolve(set.file());
        if (set.rows() > maxReferenceRows) {
            throw new ModelLoadException("reference set " + set.name() + " (" + file + ") has " + set.rows()
                    + " rows, more than the " + maxReferenceRows + " this service explains against"
                    + " (explainer.max-reference-rows): retrain with fewer background-rows or raise the limit");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("model directory file " + file + " is missing (reference set " + set.name()
                    + " of " + directory.resolve(ModelManifestJson.FILE_NAME) + ")");
        }
        try {
            double[][] rows = ReferenceRows.read(set, Files.readAllBytes(file), manifest.features());
            return new ReferencePopulation(set, InterventionalShap.of(model, rows));
        } catch (IOException e) {
            throw new ModelLoadException("model directory file " + file + " cannot be read: " + e.getMessage(), e);
        } catch (CreditCoreException e) {
            throw new ModelLoadException("reference file " + file + " is invalid: " + e.getMessage(), e);
        }
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
