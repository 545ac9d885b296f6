package com.example.credit.core.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A LightGBM binary classifier read from its text format, predicting exactly like LightGBM 4.3.
 *
 * <p>Instances are immutable and thread-safe: load the model once and share it between all requests. Rows are
 * dense {@code double[]} vectors in model feature order; NaN is a missing value, categorical features carry
 * their integer category code.
 */
public final class LightGbmModel {

    private final String version;
    private final Objective objective;
    private final List<String> featureNames;
    private final List<FeatureInfo> featureInfos;
    private final List<Tree> trees;
    private final Forest forest;

    LightGbmModel(
            String version,
            Objective objective,
            List<String> featureNames,
            List<FeatureInfo> featureInfos,
            List<Tree> trees) {
        this.version = Objects.requireNonNull(version, "version");
        this.objective = Objects.requireNonNull(objective, "objective");
        this.featureNames = List.copyOf(featureNames);
        this.featureInfos = List.copyOf(featureInfos);
        this.trees = List.copyOf(trees);
        if (this.featureNames.size() != this.featureInfos.size()) {
            throw new ModelFormatException("the model names " + this.featureNames.size() + " features but describes "
                    + this.featureInfos.size() + ", there must be one feature info per feature");
        }
        if (this.trees.isEmpty()) {
            throw new ModelFormatException("the model has no trees, a trained model has at least one");
        }
        this.forest = Forest.of(this.trees, this.featureNames.size());
    }

    /**
     * Reads a model from its text, as written by {@code LGBM_BoosterSaveModelToString} or {@code model.txt}.
     *
     * @throws ModelFormatException if the text is malformed or describes an unsupported model
     */
    public static LightGbmModel parse(String text) {
        return ModelTextParser.parse(text);
    }

    /**
     * Reads a model from a {@code model.txt} file.
     *
     * @throws ModelFormatException if the text is malformed or describes an unsupported model
     * @throws UncheckedIOException if the file cannot be read
     */
    public static LightGbmModel read(Path path) {
        try {
            return parse(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read LightGBM model file " + path, e);
        }
    }

    /** The model format version of the text ({@code v4} for LightGBM 4). */
    public String version() {
        return version;
    }

    /** The binary objective and its sigmoid parameter. */
    public Objective objective() {
        return objective;
    }

    /** The feature names in model order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** What training saw of each feature, in model order. */
    public List<FeatureInfo> featureInfos() {
        return featureInfos;
    }

    /** The number of features a row must have ({@code max_feature_idx + 1}). */
    public int numFeatures() {
        return featureNames.size();
    }

    /** The trees in model order. */
    public List<Tree> trees() {
        return trees;
    }

    /** The number of trees. */
    public int numTrees() {
        return trees.size();
    }

    /** The flattened form of the trees that prediction and TreeSHAP walk. */
    public Forest forest() {
        return forest;
    }

    /**
     * The raw score (log-odds) of a row, LightGBM's {@code C_API_PREDICT_RAW_SCORE}.
     *
     * @throws FeatureVectorException if the row does not have {@link #numFeatures()} values
     */
    public double predictRaw(double[] row) {
        requireRow(row);
        return forest.predictRaw(row);
    }

    /**
     * The raw scores of many rows, {@code raw[r]} for {@code rows[r]}: for each row the bits {@link
     * #predictRaw(double[])} gives it, computed for blocks of rows at once (faster on models of many small trees).
     *
     * @throws FeatureVectorException if a row does not have {@link #numFeatures()} values
     * @throws IllegalArgumentException if {@code raw} has not one value per row
     */
    public void predictRaw(double[][] rows, double[] raw) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(raw, "raw");
        if (raw.length != rows.length) {
            throw new IllegalArgumentException(
                    "raw has " + raw.length + " values for " + rows.length + " rows, it needs one per row");
        }
        for (int r = 0; r < rows.length; r++) {
            requireRow(rows[r]);
        }
        forest.predictRaw(rows, raw);
    }

    /**
     * The probability of the positive class, LightGBM's {@code C_API_PREDICT_NORMAL} for the binary objective.
     *
     * @throws FeatureVectorException if the row does not have {@link #numFeatures()} values
     */
    public double predictProbability(double[] row) {
        return objective.probability(predictRaw(row));
    }

    /**
     * Checks that {@code row} fits this model.
     *
     * @throws FeatureVectorException if the row does not have {@link #numFeatures()} values
     */
    public void requireRow(double[] row) {
        Objects.requireNonNull(row, "row");
        FeatureVectorException.requireLength("row", row.length, numFeatures());
    }

    @Override
    public String toString() {
        return "LightGbmModel[" + version + ", " + objective.text() + ", " + numFeatures() + " features, " + numTrees()
                + " trees]";
    }
}
