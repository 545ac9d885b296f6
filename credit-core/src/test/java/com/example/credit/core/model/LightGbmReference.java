package com.example.credit.core.model;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;

/**
 * A real LightGBM booster (through LightGBM4j), the reference the pure-Java reader and TreeSHAP are checked
 * against. Training is single-threaded and deterministic.
 */
public final class LightGbmReference implements AutoCloseable {

    /** Parameters every test booster shares: reproducible, quiet, one thread. */
    public static final String COMMON_PARAMETERS =
            "objective=binary num_threads=1 deterministic=true force_col_wise=true seed=7 verbosity=-1";

    private static final String PREDICT_PARAMETERS = "num_threads=1";

    private final LGBMBooster booster;
    private final LGBMDataset dataset;
    private final int numFeatures;

    private LightGbmReference(LGBMBooster booster, LGBMDataset dataset, int numFeatures) {
        this.booster = booster;
        this.dataset = dataset;
        this.numFeatures = numFeatures;
    }

    /** Trains a booster for {@code iterations} rounds on {@code data} with extra LightGBM parameters. */
    public static LightGbmReference train(TrainingData data, String parameters, int iterations) {
        return train(data, null, parameters, iterations);
    }

    /** Trains a booster with the given feature names ({@code null} for LightGBM's Column_i names). */
    public static LightGbmReference train(TrainingData data, String[] featureNames, String parameters, int iterations) {
        String all = COMMON_PARAMETERS + " " + parameters;
        try {
            // The booster keeps a pointer to its training set, so the set lives as long as the booster.
            LGBMDataset dataset =
                    LGBMDataset.createFromMat(data.flatRows(), data.numRows(), data.numFeatures(), true, all, null);
            dataset.setField("label", data.labels());
            if (featureNames != null) {
                dataset.setFeatureNames(featureNames);
            }
            LGBMBooster booster = LGBMBooster.create(dataset, all);
            for (int i = 0; i < iterations; i++) {
                booster.updateOneIter();
            }
            return new LightGbmReference(booster, dataset, data.numFeatures());
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM training failed: " + e.getMessage(), e);
        }
    }

    /** Loads a booster from model text, as LightGBM itself reads it. */
    public static LightGbmReference load(String modelText, int numFeatures) {
        try {
            return new LightGbmReference(LGBMBooster.loadModelFromString(modelText), null, numFeatures);
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM cannot load the model: " + e.getMessage(), e);
        }
    }

    /** The model in LightGBM's text format, all iterations. */
    public String modelText() {
        try {
            return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
        } catch (LGBMException e) {
            throw new IllegalStateException(e);
        }
    }

    /** LightGBM's raw scores ({@code C_API_PREDICT_RAW_SCORE}) of the rows. */
    public double[] predictRaw(double[][] rows) {
        return predict(rows, PredictionType.C_API_PREDICT_RAW_SCORE);
    }

    /** LightGBM's probabilities ({@code C_API_PREDICT_NORMAL}) of the rows. */
    public double[] predictProbability(double[][] rows) {
        return predict(rows, PredictionType.C_API_PREDICT_NORMAL);
    }

    /** LightGBM's TreeSHAP contributions ({@code C_API_PREDICT_CONTRIB}), one row of features + 1 per row. */
    public double[][] contributions(double[][] rows) {
        double[] flat = predict(rows, PredictionType.C_API_PREDICT_CONTRIB);
        double[][] result = new double[rows.length][numFeatures + 1];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(flat, r * (numFeatures + 1), result[r], 0, numFeatures + 1);
        }
        return result;
    }

    private double[] predict(double[][] rows, PredictionType type) {
        double[] flat = new double[rows.length * numFeatures];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * numFeatures, numFeatures);
        }
        try {
            return booster.predictForMat(flat, rows.length, numFeatures, true, type, PREDICT_PARAMETERS);
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM prediction failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            booster.close();
            if (dataset != null) {
                dataset.close();
            }
        } catch (LGBMException e) {
            throw new IllegalStateException(e);
        }
    }
}
