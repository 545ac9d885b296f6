package com.example.credit.bench;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;

/**
 * LightGBM itself through LightGBM4j, predicting with one thread: the peer the engine is measured against.
 * Every call goes through {@code LGBM_BoosterPredictForMat}, the dense-matrix C API a Java caller has.
 */
public final class Booster implements AutoCloseable {

    private static final String PREDICT_PARAMETERS = "num_threads=1";

    private final LGBMBooster booster;
    private final int numFeatures;

    private Booster(LGBMBooster booster, int numFeatures) {
        this.booster = booster;
        this.numFeatures = numFeatures;
    }

    /** Loads a booster from LightGBM model text. */
    public static Booster load(String modelText, int numFeatures) {
        try {
            return new Booster(LGBMBooster.loadModelFromString(modelText), numFeatures);
        } catch (LGBMException e) {
            throw new BenchException("LightGBM cannot load the model: " + e.getMessage(), e);
        }
    }

    /** {@code C_API_PREDICT_CONTRIB} of {@code rows} row-major rows: features + 1 values a row, bias last. */
    public double[] contributions(double[] flatRows, int rows) {
        return predict(flatRows, rows, PredictionType.C_API_PREDICT_CONTRIB);
    }

    /** {@code C_API_PREDICT_RAW_SCORE} of {@code rows} row-major rows. */
    public double[] predictRaw(double[] flatRows, int rows) {
        return predict(flatRows, rows, PredictionType.C_API_PREDICT_RAW_SCORE);
    }

    private double[] predict(double[] flatRows, int rows, PredictionType type) {
        try {
            return booster.predictForMat(flatRows, rows, numFeatures, true, type, PREDICT_PARAMETERS);
        } catch (LGBMException e) {
            throw new BenchException("LightGBM prediction failed: " + e.getMessage(), e);
        }
    }

    /** The model as LightGBM writes it. */
    public String modelText() {
        try {
            return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
        } catch (LGBMException e) {
            throw new BenchException("LightGBM cannot save the model: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            booster.close();
        } catch (LGBMException e) {
            throw new BenchException("LightGBM cannot free the booster: " + e.getMessage(), e);
        }
    }
}
