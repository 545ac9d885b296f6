package com.example.credit.training.model;

import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingException.Reason;
import com.example.credit.training.data.LabelledRows;
import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;

/**
 * A booster trained by LightGBM itself (through LightGBM4j), with its training data set: writes the model text and
 * predicts for the metrics. Not to be confused with credit-core's {@code LightGbmModel}, the pure-Java reader of
 * that text that serves it. The only class here that talks to LightGBM4j; it turns LightGBM's checked errors into
 * {@link TrainingException} (reason LIGHTGBM). Holds native memory: close it.
 */
public final class TrainedBooster implements AutoCloseable {

    private final LGBMDataset dataset;
    private final LGBMBooster booster;
    private final int columns;
    private final String predictParameters;

    private TrainedBooster(LGBMDataset dataset, LGBMBooster booster, int columns, String predictParameters) {
        this.dataset = dataset;
        this.booster = booster;
        this.columns = columns;
        this.predictParameters = predictParameters;
    }

    /**
     * Trains a booster on the rows.
     *
     * @throws TrainingException (reason LIGHTGBM) when LightGBM rejects the data or the parameters
     */
    public static TrainedBooster train(LabelledRows rows, LightGbmParameters parameters) {
        if (rows.columns() != parameters.featureNames().size()) {
            throw new IllegalArgumentException("rows have " + rows.columns() + " columns, the parameters name "
                    + parameters.featureNames().size() + " features");
        }
        LGBMDataset dataset = null;
        LGBMBooster booster = null;
        try {
            dataset = dataset(rows, parameters, null);
            booster = LGBMBooster.create(dataset, parameters.parameters());
            for (int round = 0; round < parameters.iterations(); round++) {
                // true means no further split improves the loss: more rounds would add empty trees.
                if (booster.updateOneIter()) {
                    break;
                }
            }
            // The booster keeps a pointer to its training data: both are freed together in close().
            return new TrainedBooster(dataset, booster, rows.columns(), "num_threads=" + parameters.numThreads());
        } catch (LGBMException e) {
            free(booster, dataset);
            throw new TrainingException(Reason.LIGHTGBM, "LightGBM failed to train: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            free(booster, dataset);
            throw e;
        }
    }

    /** The model in LightGBM's text format, all iterations. */
    public String modelText() {
        try {
            return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
        } catch (LGBMException e) {
            throw new TrainingException(Reason.LIGHTGBM, "LightGBM failed to save the model: " + e.getMessage(), e);
        }
    }

    /** The predicted probability of default of every row. */
    public double[] predictProbabilities(LabelledRows rows) {
        try {
            return booster.predictForMat(
                    rows.matrix(), rows.rows(), columns, true, PredictionType.C_API_PREDICT_NORMAL, predictParameters);
        } catch (LGBMException e) {
            throw new TrainingException(Reason.LIGHTGBM, "LightGBM failed to predict: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            booster.close();
        } catch (LGBMException e) {
            free(null, dataset);
            throw new TrainingException(Reason.LIGHTGBM, "LightGBM failed to free its memory: " + e.getMessage(), e);
        }
        try {
            dataset.close();
        } catch (LGBMException e) {
            throw new TrainingException(Reason.LIGHTGBM, "LightGBM failed to free its memory: " + e.getMessage(), e);
        }
    }

    /**
     * LightGBM's dataset of the rows with their labels and the feature names; {@code reference} (the training
     * data) makes a validation set share its bins. Close it, or hand it to a booster that is closed with it.
     */
    static LGBMDataset dataset(LabelledRows rows, LightGbmParameters parameters, LGBMDataset reference)
            throws LGBMException {
        // Every booster starts from a data set: LightGBM's libraries are loaded here, from a private folder.
        NativeLightGbm.load();
        if (rows.columns() != parameters.featureNames().size()) {
            throw new IllegalArgumentException("rows have " + rows.columns() + " columns, the parameters name "
                    + parameters.featureNames().size() + " features");
        }
        boolean[] labels = rows.labels();
        float[] label = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            label[i] = labels[i] ? 1f : 0f;
        }
        LGBMDataset dataset = LGBMDataset.createFromMat(
                rows.matrix(), rows.rows(), rows.columns(), true, parameters.parameters(), reference);
        try {
            // Names go in before the booster exists so that model.txt lists them as feature_names.
            dataset.setFeatureNames(parameters.featureNames().toArray(String[]::new));
            dataset.setField("label", label);
            return dataset;
        } catch (LGBMException | RuntimeException e) {
            free(null, dataset);
            throw e;
        }
    }

    /** Frees what is not null, ignoring LightGBM's errors (the caller is already failing or done). */
    static void free(LGBMBooster booster, LGBMDataset dataset) {
        try {
            if (booster != null) {
                booster.close();
            }
        } catch (LGBMException e) {
            // Already failing or done: the dataset is still freed below.
        } finally {
            try {
                if (dataset != null) {
                    dataset.close();
                }
            } catch (LGBMException e) {
                // Already failing or done: the first error is the one worth reporting.
            }
        }
    }
}
