package com.example.credit.training.model;

import com.example.credit.core.metrics.BinaryMetrics;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingException.Reason;
import com.example.credit.training.config.Hyperparameters;
import com.example.credit.training.data.LabelledRows;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Trains the final model on the whole training set and measures it: stratified k-fold cross-validated AUC on
 * the training set, then AUC and log loss of the final model on train and test.
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

    /** The model text and its metrics. */
    public record Outcome(String modelText, TrainingMetrics metrics) {

        public Outcome {
            Objects.requireNonNull(modelText, "modelText");
            Objects.requireNonNull(metrics, "metrics");
        }
    }

    /**
     * Cross-validates, trains and evaluates.
     *
     * @throws TrainingException (reason HYPERPARAMETER) when a class of the training set has fewer rows than cv-splits
     */
    public Outcome train(LabelledRows train, LabelledRows test) {
        double[] foldAucs = crossValidate(train);
        try (TrainedBooster booster = TrainedBooster.train(train, parameters)) {
            double[] trainPredictions = booster.predictProbabilities(train);
            double[] testPredictions = booster.predictProbabilities(test);
            boolean[] trainLabels = train.labels();
            boolean[] testLabels = test.labels();
            TrainingMetrics metrics = new TrainingMetrics(
                    hyperparameters.cvSplits(),
                    BinaryMetrics.mean(foldAucs),
                    BinaryMetrics.standardDeviation(foldAucs),
                    BinaryMetrics.auc(trainPredictions, trainLabels),
                    BinaryMetrics.auc(testPredictions, testLabels),
                    BinaryMetrics.logLoss(trainPredictions, trainLabels),
                    BinaryMetrics.logLoss(testPredictions, testLabels));
            return new Outcome(booster.modelText(), metrics);
        }
    }

    private double[] crossValidate(LabelledRows train) {
        int k = hyperparameters.cvSplits();
        int[] folds;
        try {
            folds = StratifiedFolds.assign(train.labels(), k, hyperparameters.seed());
        } catch (IllegalArgumentException e) {
            throw new TrainingException(
                    Reason.HYPERPARAMETER,
                    "hyperparameter cv-splits='" + k + "' is invalid for this training set: " + e.getMessage());
        }
        double[] aucs = new double[k];
        for (int fold = 0; fold < k; fold++) {
            LabelledRows fit = train.select(StratifiedFolds.rows(folds, fold, false));
            LabelledRows held = train.select(StratifiedFolds.rows(folds, fold, true));
            try (TrainedBooster booster = TrainedBooster.train(fit, parameters)) {
                aucs[fold] = BinaryMetrics.auc(booster.predictProbabilities(held), held.labels());
            }
            log.accept(String.format(Locale.ROOT, "cv fold %d/%d: auc %.4f", fold + 1, k, aucs[fold]));
        }
        return aucs;
    }
}
