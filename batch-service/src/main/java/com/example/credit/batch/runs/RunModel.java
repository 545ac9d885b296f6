package com.example.credit.batch.runs;

import com.example.credit.batch.storage.FileSystemStorage;
import com.example.credit.batch.storage.Location;
import com.example.credit.batch.storage.RunStorage;
import com.example.credit.batch.storage.StorageException;
import com.example.credit.core.CreditCoreException;
import com.example.credit.core.manifest.ReferenceSet;
import com.example.credit.core.model.LightGbmModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The model that explained a run, for its global explanations: the trees of its {@code model.txt} and that file's
 * SHA-256, which the index records so that an index made with another model is told apart.
 *
 * @param model the model read from {@code model.txt}
 * @param sha256 the hex SHA-256 of {@code model.txt}
 */
public record RunModel(LightGbmModel model, String sha256) {

    /** The model file of a model folder (training-service's output). */
    public static final String MODEL_FILE = "model.txt";

    public RunModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(sha256, "sha256");
    }

    /**
     * Reads the model of a model folder on the file system.
     *
     * @throws RunIndexException when the folder has no readable LightGBM {@code model.txt}
     */
    public static RunModel read(Path folder) {
        return read(new FileSystemStorage(), Location.of(folder));
    }

    /**
     * Reads the model of a model folder wherever it is stored.
     *
     * @throws RunIndexException when the folder has no readable LightGBM {@code model.txt}
     */
    public static RunModel read(RunStorage storage, Location folder) {
        Location file = folder.resolve(MODEL_FILE);
        byte[] bytes;
        try (InputStream in = storage.open(file)) {
            bytes = in.readAllBytes();
        } catch (IOException | StorageException e) {
            throw new RunIndexException("cannot read the run's model " + file + ": " + e.getMessage(), e);
        }
        try {
            return new RunModel(
                    LightGbmModel.parse(new String(bytes, StandardCharsets.UTF_8)), ReferenceSet.sha256(bytes));
        } catch (CreditCoreException e) {
            throw new RunIndexException(file + " is not a LightGBM model this build reads: " + e.getMessage(), e);
        }
    }
}
