package com.example.credit.training.model;

import com.example.credit.core.manifest.ManifestException;
import com.example.credit.core.manifest.ModelManifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well a model separates defaults from repaid credits.
 *
 * @param cvSplits the folds of the cross-validation on the training set
 * @param trainAucCvMean the mean AUC over the held-out folds
 * @param trainAucCvStd the population standard deviation of the fold AUCs
 * @param trainAuc the AUC of the final model on the training set
 * @param testAuc the AUC of the final model on the test set
 * @param trainLogLoss the log loss of the final model on the training set
 * @param testLogLoss the log loss of the final model on the test set
 * @param boostingRounds the rounds (trees) of the final model, as early stopping on the folds chose them
 * @param testBrier the Brier score of the final model on the test set: mean squared difference between the
 *     predicted probability of default and the outcome (0 is perfect, 0.25 is a coin flip)
 */
public record TrainingMetrics(
        int cvSplits,
        double trainAucCvMean,
        double trainAucCvStd,
        double trainAuc,
        double testAuc,
        double trainLogLoss,
        double testLogLoss,
        int boostingRounds,
        double testBrier) {

    /** The train AUC above the cross-validated AUC from which the log warns of overfitting. */
    public static final double OVERFIT_WARNING_GAP = 0.1;

    public TrainingMetrics {
        if (cvSplits < 2) {
            throw new IllegalArgumentException("cvSplits is " + cvSplits + ", must be at least 2");
        }
        requireUnit("trainAucCvMean", trainAucCvMean);
        requireUnit("trainAucCvStd", trainAucCvStd);
        requireUnit("trainAuc", trainAuc);
        requireUnit("testAuc", testAuc);
        requireNonNegative("trainLogLoss", trainLogLoss);
        requireNonNegative("testLogLoss", testLogLoss);
        if (boostingRounds < 1) {
            throw new IllegalArgumentException("boostingRounds is " + boostingRounds + ", must be at least 1");
        }
        requireUnit("testBrier", testBrier);
    }

    /** How much better the model scores the rows it was trained on than the test rows (AUC). */
    public double trainTestGap() {
        return trainAuc - testAuc;
    }

    /** How much better the model scores its training rows than the cross-validation's held-out folds (AUC). */
    public double trainCvGap() {
        return trainAuc - trainAucCvMean;
    }

    /** The metrics as the manifest stores them, by their log names. */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("cv_splits", (double) cvSplits);
        map.put("train_auc_cv_mean", trainAucCvMean);
        map.put("train_auc_cv_std", trainAucCvStd);
        map.put("train_auc", trainAuc);
        map.put("test_auc", testAuc);
        map.put("train_log_loss", trainLogLoss);
        map.put("test_log_loss", testLogLoss);
        map.put("test_brier", testBrier);
        map.put("boosting_rounds", (double) boostingRounds);
        map.put("train_test_auc_gap", trainTestGap());
        return map;
    }

    /**
     * The metrics recorded in a manifest written by this service.
     *
     * @throws ManifestException naming a metric the manifest lacks
     */
    public static TrainingMetrics of(ModelManifest manifest) {
        Map<String, Double> metrics = manifest.metrics();
        return new TrainingMetrics(
                (int) Math.round(metric(metrics, "cv_splits")),
                metric(metrics, "train_auc_cv_mean"),
                metric(metrics, "train_auc_cv_std"),
                metric(metrics, "train_auc"),
                metric(metrics, "test_auc"),
                metric(metrics, "train_log_loss"),
                metric(metrics, "test_log_loss"),
                (int) Math.round(metric(metrics, "boosting_rounds")),
                metric(metrics, "test_brier"));
    }

    private static double metric(Map<String, Double> metrics, String name) {
        Double value = metrics.get(name);
        if (value == null) {
            throw new ManifestException("model manifest has no metric '" + name + "'");
        }
        return value;
    }

    /**
     * The metrics as log lines in a fixed, regex-friendly shape (four decimals), for SageMaker metric
     * definitions such as {@code test_auc: ([0-9.]+)}.
     */
    public List<String> logLines() {
        return List.of(
                "train_auc_cv: " + f(trainAucCvMean) + " (+/- " + f(trainAucCvStd) + ")",
                "train_auc: " + f(trainAuc),
                "test_auc: " + f(testAuc),
                "train_log_loss: " + f(trainLogLoss),
                "test_log_loss: " + f(testLogLoss),
                "test_brier: " + f(testBrier),
                "boosting_rounds: " + boostingRounds,
                "train_test_auc_gap: " + f(trainTestGap()));
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static void requireUnit(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " is " + value + ", must lie in [0, 1]");
        }
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " is " + value + ", must be finite and non-negative");
        }
    }
}
