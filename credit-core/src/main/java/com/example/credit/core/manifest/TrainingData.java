package com.example.credit.core.manifest;

import java.util.Objects;

/**
 * What a model was trained on, without any of the data itself.
 *
 * @param rowsTrain rows in the training set
 * @param rowsTest rows in the test set
 * @param sha256 hex SHA-256 digest of the training channel files, read in sorted order
 */
public record TrainingData(long rowsTrain, long rowsTest, String sha256) {

    public TrainingData {
        Objects.requireNonNull(sha256, "sha256");
        if (rowsTrain < 0 || rowsTest < 0) {
            throw new ManifestException("row counts must be non-negative, got " + rowsTrain + " and " + rowsTest);
        }
    }
}
