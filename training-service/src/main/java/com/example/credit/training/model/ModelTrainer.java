package com.example.credit.training.model;

import com.example.credit.core.calibration.ProbabilityCalibration;
import com.example.credit.core.metrics.BinaryMetrics;
import com.example.credit.core.metrics.ReliabilityBin;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.training.TrainingException;
import com.example.credit.training.config.Hyperparameters;
import com.example.credit.training.data.LabelledRows;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Chooses the number of rounds by early stopping on stratified k-fold cross-validation of the training set
 * ({@link CrossValidation}), trains the final model with it on the whole training set and measures it: the
 * cross-validated AUC, then AUC, log loss and Brier score of the final model on train and test. The test set
 * plays no part in any choice. Warns in the log when the model fits its training rows much better than the
 * held-out folds ({@link TrainingMetrics#OVERFIT_WARNING_GAP}).
 */
public final class ModelTrainer {

    private final Hyperparameters hyperparameters;
    private final LightGbmParameters parameters;
    private final Consumer<String> log;

    /** A trainer for these hyperparameters and features, reporting progress to {@code log}. */
    public ModelTrainer(Hyperparameters hyperparameters, FeatureCatalog catalog, Consumer<String> log) {
        this.hyperparameters = Objects.requireNonNull(hyperparameters, "hyperparameters");
        this.parameters = LightGbmParameters.of(hyperparameters, catalog);
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Bins of the reliability table in model.json. */
    public static final int RELIABILITY_BINS = 10;

    /**
     * The model text, its metrics and its reliability table on the test set.
     *
     * @param modelText LightGBM's text model
     * @param metrics the figures for model.json
     * @param reliability the test set's reliability table, {@link #RELIABILITY_BINS} bins
     * @param calibration the probability calibration fitted on the out-of-fold predictions (None when off)
     * @param extraMetrics figures beside {@code metrics}: the uncalibrated test Brier score and log loss when
     *     calibrated
     */
    public record Outcome(
            String modelText,
            TrainingMetrics metrics,
            List<ReliabilityBin> reliability,
            ProbabilityCalibration calibration,
            Map<String, Double> extraMetrics) {

        public Outcome {
            Objects.requireNonNull(modelText, "modelText");
            Objects.requireNonNull(metrics, "metrics");
            reliability = List.copyOf(reliability);
            Objects.requireNonNull(calibration, "calibration");
            extraMetrics = Map.copyOf(extraMetrics);
        }
    }

    /**
     * Cross-validates, trains and evaluates.
     *
     * @throws TrainingException (reason HYPERPARAMETER) when a class of the training set has fewer rows than cv-splits
     */
    public Outcome train(LabelledRows train, LabelledRows test) {
        CrossValidation.Result cv = crossValidate(train);
        double[] foldAucs = cv.foldAucs();
        try (TrainedBooster booster = TrainedBooster.train(train, parameters.withIterations(cv.rounds()))) {
            double[] trainPredictions = booster.predictProbabilities(train);
            double[] modelTest = booster.predictProbabilities(test);
            boolean[] trainLabels = train.labels();
            boolean[] testLabels = test.labels();
            // Calibration is fitted on the out-of-fold predictions, never on the test set; the test figures below
            // (log loss, Brier score, reliability) are those of the probabilities the explainer will show.
            ProbabilityCalibration calibration = calibrate(cv.outOfFold(), trainLabels);
            double[] testPredictions = calibrated(calibration, modelTest);
            Map<String, Double> extra = new LinkedHashMap<>();
            if (!(calibration instanceof ProbabilityCalibration.None)) {
                extra.put("test_brier_uncalibrated", BinaryMetrics.brier(modelTest, testLabels));
                extra.put("test_log_loss_uncalibrated", BinaryMetrics.logLoss(modelTest, testLabels));
                log.accept(String.format(
                        Locale.ROOT,
                        "calibration %s fitted on %d out-of-fold predictions: test brier %.4f (uncalibrated %.4f)",
                        calibration.method(),
                        trainLabels.length,
                        BinaryMetrics.brier(testPredictions, testLabels),
                        extra.get("test_brier_uncalibrated")));
            }
            TrainingMetrics metrics = new TrainingMetrics(
                    hyperparameters.cvSplits(),
                    BinaryMetrics.mean(foldAucs),
                    BinaryMetrics.standardDeviation(foldAucs),
                    BinaryMetrics.auc(trainPredictions, trainLabels),
                    BinaryMetrics.auc(modelTest, testLabels),
                    BinaryMetrics.logLoss(trainPredictions, trainLabels),
                    BinaryMetrics.logLoss(testPredictions, testLabels),
                    cv.rounds(),
                    BinaryMetrics.brier(testPredictions, testLabels));
            if (metrics.trainCvGap() > TrainingMetrics.OVERFIT_WARNING_GAP) {
                log.accept(String.format(
                        Locale.ROOT,
                        "warning: train auc %.4f is %.4f above the cross-validated %.4f (more than %.1f): the model"
                                + " fits its training rows far better than unseen ones; consider fewer leaves, more"
                                + " tree-min-child-samples or lambda-l2",
                        metrics.trainAuc(),
                        metrics.trainCvGap(),
                        metrics.trainAucCvMean(),
                        TrainingMetrics.OVERFIT_WARNING_GAP));
            }
            return new Outcome(
                    booster.modelText(),
                    metrics,
                    BinaryMetrics.reliability(testPredictions, testLabels, RELIABILITY_BINS),
                    calibration,
                    extra);
        }
    }

    private ProbabilityCalibration calibrate(double[] outOfFold, boolean[] labels) {
        double[] raw = new double[outOfFold.length];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = logit(outOfFold[i]);
        }
        return ProbabilityCalibration.fit(hyperparameters.calibration(), raw, labels);
    }

    private static double[] calibrated(ProbabilityCalibration calibration, double[] probabilities) {
        if (calibration instanceof ProbabilityCalibration.None) {
            return probabilities;
        }
        double[] out = new double[probabilities.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = calibration.probability(logit(probabilities[i]));
        }
        return out;
    }

    /** LightGBM's probability back to its raw score (log-odds), clipped away from 0 and 1. */
    private static double logit(double probability) {
        double p = Math.min(Math.max(probability, 1e-15), 1 - 1e-15);
        return Math.log(p / (1 - p));
    }

    private CrossValidation.Result crossValidate(LabelledRows train) {
        int[] folds = CrossValidation.folds(train, hyperparameters);
        return CrossValidation.run(
                train, folds, hyperparameters.cvSplits(), parameters, hyperparameters.earlyStoppingRounds(), log);
    }
}
