package com.example.credit.core.manifest;

import com.example.credit.core.calibration.ProbabilityCalibration;
import com.example.credit.core.metrics.ReliabilityBin;
import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The manifest ({@code model.json}) written beside {@code model.txt}: everything a server needs to encode a
 * request exactly as training did, and to say what the model is.
 *
 * @param formatVersion the manifest format, {@link #FORMAT_VERSION} for this build
 * @param modelFile the LightGBM text model's file name
 * @param objective the LightGBM objective ({@code binary})
 * @param features the features in model order with their code tables
 * @param label the label field
 * @param hyperparameters the validated hyperparameters, by their kebab-case names
 * @param metrics the evaluation figures, by name (for example {@code test_auc})
 * @param trainingData row counts and digest of the training data
 * @param lightgbmVersion the LightGBM version that trained the model
 * @param reliability the reliability table of the final model on the test set (10 bins of the predicted
 *     probability); empty in manifests written before it existed
 * @param calibration how a raw score becomes the probability shown ({@code none}: the sigmoid), fitted on
 *     out-of-fold predictions; {@code none} in manifests written before it existed
 * @param references the reference populations shipped beside the model (files of model-space rows that
 *     interventional TreeSHAP explains against), in the order training wrote them; empty in manifests written before
 *     they existed. They need no new format version: a reader that does not know them serves the model as before.
 */
public record ModelManifest(
        int formatVersion,
        String modelFile,
        String objective,
        List<ManifestFeature> features,
        String label,
        Map<String, Object> hyperparameters,
        Map<String, Double> metrics,
        TrainingData trainingData,
        String lightgbmVersion,
        List<ReliabilityBin> reliability,
        ProbabilityCalibration calibration,
        List<ReferenceSet> references) {

    /**
     * The newest manifest format this build reads. Training writes {@link #FORMAT_VERSION_UNCALIBRATED} for a model
     * without calibration (every reader understands it) and 2 for a calibrated one, so that a reader that cannot
     * apply the calibration refuses the model instead of serving uncalibrated probabilities.
     */
    public static final int FORMAT_VERSION = 2;

    /** The format of a manifest without probability calibration. */
    public static final int FORMAT_VERSION_UNCALIBRATED = 1;

    /** The format a manifest with this calibration is written in. */
    public static int formatVersionFor(ProbabilityCalibration calibration) {
        return calibration instanceof ProbabilityCalibration.None ? FORMAT_VERSION_UNCALIBRATED : FORMAT_VERSION;
    }

    public ModelManifest {
        if (formatVersion < 1 || formatVersion > FORMAT_VERSION) {
            throw new ManifestException(
                    "unknown model manifest format " + formatVersion + ", this build reads up to " + FORMAT_VERSION);
        }
        Objects.requireNonNull(modelFile, "modelFile");
        Objects.requireNonNull(objective, "objective");
        features = List.copyOf(features);
        Objects.requireNonNull(label, "label");
        hyperparameters = java.util.Collections.unmodifiableMap(normalised(hyperparameters));
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
        Objects.requireNonNull(trainingData, "trainingData");
        Objects.requireNonNull(lightgbmVersion, "lightgbmVersion");
        reliability = List.copyOf(reliability);
        Objects.requireNonNull(calibration, "calibration");
        references = List.copyOf(references);
        requireDistinct(references, modelFile);
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i).index() != i) {
                throw new ManifestException("feature " + features.get(i).name() + " has index "
                        + features.get(i).index() + " at position " + i + "; features must be listed in model order");
            }
        }
    }

    /** A manifest without reference populations, as written before they existed. */
    public ModelManifest(
            int formatVersion,
            String modelFile,
            String objective,
            List<ManifestFeature> features,
            String label,
            Map<String, Object> hyperparameters,
            Map<String, Double> metrics,
            TrainingData trainingData,
            String lightgbmVersion,
            List<ReliabilityBin> reliability,
            ProbabilityCalibration calibration) {
        this(
                formatVersion,
                modelFile,
                objective,
                features,
                label,
                hyperparameters,
                metrics,
                trainingData,
                lightgbmVersion,
                reliability,
                calibration,
                List.of());
    }

    private static void requireDistinct(List<ReferenceSet> references, String modelFile) {
        Set<String> names = new HashSet<>();
        Set<String> files = new HashSet<>(Set.of(modelFile, ModelManifestJson.FILE_NAME));
        for (ReferenceSet reference : references) {
            if (!names.add(reference.name())) {
                throw new ManifestException("reference set " + reference.name() + " is listed twice; names are unique");
            }
            if (!files.add(reference.file())) {
                throw new ManifestException("reference set " + reference.name() + " has the file " + reference.file()
                        + ", which another file of the model folder already has");
            }
        }
    }

    /** The reference population of that name, or empty. */
    public Optional<ReferenceSet> reference(String name) {
        return references.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The names of the reference populations, in manifest order. */
    public List<String> referenceNames() {
        return references.stream().map(ReferenceSet::name).toList();
    }

    /**
     * Sorted, with whole numbers as {@code Long} and other numbers as {@code Double}, so that a manifest built in
     * memory equals the same manifest read back from JSON.
     */
    private static Map<String, Object> normalised(Map<String, Object> hyperparameters) {
        Map<String, Object> sorted = new TreeMap<>();
        hyperparameters.forEach((key, value) -> {
            Object plain = value;
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                plain = ((Number) value).longValue();
            } else if (value instanceof Number number) {
                plain = number.doubleValue();
            } else if (!(value instanceof String || value instanceof Boolean)) {
                throw new ManifestException(
                        "hyperparameter " + key + " has value " + value + "; values are numbers, strings or booleans");
            }
            sorted.put(key, plain);
        });
        return sorted;
    }

    /** The manifest entries of every catalogue feature, in model order. */
    public static List<ManifestFeature> featuresOf(FeatureCatalog catalog) {
        return catalog.features().stream().map(ManifestFeature::of).toList();
    }

    /** The feature names in model order. */
    public List<String> featureNames() {
        return features.stream().map(ManifestFeature::name).toList();
    }

    /**
     * Checks that the model was trained on exactly the catalogue's features, order and code tables, so that
     * encoding a request with the catalogue gives the vectors the model saw in training.
     *
     * @throws ManifestException naming the first difference
     */
    public void requireCompatibleWith(FeatureCatalog catalog) {
        if (features.size() != catalog.size()) {
            throw new ManifestException("model was trained on " + features.size() + " features " + featureNames()
                    + ", the schema has " + catalog.size() + " " + catalog.names());
        }
        for (ManifestFeature trained : features) {
            Feature current = catalog.features().get(trained.index());
            if (!current.name().equals(trained.name())) {
                throw new ManifestException("model expects feature " + trained.name() + " at position "
                        + trained.index() + ", the schema has " + current.name());
            }
            if (current.kind() != trained.kind() || !current.categories().equals(trained.categories())) {
                throw new ManifestException("feature " + trained.name() + " was trained as " + trained.kind() + " "
                        + trained.categories() + ", the schema says " + current.kind() + " " + current.categories());
            }
        }
    }
}
