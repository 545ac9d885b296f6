package com.example.credit.training.model;

import com.example.credit.core.metrics.BinaryMetrics;
import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingException.Reason;
import com.example.credit.training.config.Hyperparameters;
import com.example.credit.training.data.LabelledRows;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Stratified k-fold cross-validation with early stopping, as LightGBM's {@code cv} does it: the k fold boosters
 * grow in lockstep, one round each, and after every round each is scored (AUC) on its held-out fold. The mean
 * over the folds picks the number of rounds: the round with the best mean, once {@code patience} rounds have
 * passed without a better one (or at the upper bound). The final model is then trained on every training row
 * with that many rounds, so the test set never takes part in the choice.
 *
 * <p>The held-out scores come from LightGBM itself ({@code LGBM_BoosterGetPredict} on the validation data, which
 * LightGBM updates incrementally), so a round costs one tree per fold and no re-prediction. Deterministic: the
 * folds are seeded, the boosters deterministic, and ties keep the earlier (smaller) round.
 */
public final class CrossValidation {

    /**
     * What the cross-validation found.
     *
     * @param rounds the chosen number of boosting rounds
     * @param foldAucs the held-out AUC of each fold at that round
     * @param meanAucByRound the mean held-out AUC after each round that was run (index 0 = round 1)
     * @param stoppedEarly whether it stopped before the upper bound because the mean no longer improved
     * @param outOfFold every row's predicted probability from the fold model that did not see it, at that round
     */
    public record Result(
            int rounds, double[] foldAucs, double[] meanAucByRound, boolean stoppedEarly, double[] outOfFold) {

        public Result {
            foldAucs = foldAucs.clone();
            meanAucByRound = meanAucByRound.clone();
            outOfFold = outOfFold.clone();
        }

        @Override
        public double[] outOfFold() {
            return outOfFold.clone();
        }

        @Override
        public double[] foldAucs() {
            return foldAucs.clone();
        }

        @Override
        public double[] meanAucByRound() {
            return meanAucByRound.clone();
        }
    }

    private CrossValidation() {}

    /**
     * The seeded, stratified, group-keeping fold of every training row ({@link StratifiedFolds}) for these
     * hyperparameters' {@code cv-splits} and {@code seed}.
     *
     * @throws TrainingException (reason HYPERPARAMETER) when a class has fewer rows (or groups) than cv-splits
     */
    public static int[] folds(LabelledRows rows, Hyperparameters hyperparameters) {
        int k = hyperparameters.cvSplits();
        try {
            return StratifiedFolds.assign(rows.labels(), rows.groups(), k, hyperparameters.seed());
        } catch (IllegalArgumentException e) {
            throw new TrainingException(
                    Reason.HYPERPARAMETER,
                    "hyperparameter cv-splits='" + k + "' is invalid for this training set: " + e.getMessage());
        }
    }

    /**
     * Runs the folds.
     *
     * @param rows the training set
     * @param folds the fold of every row, from {@link StratifiedFolds#assign}
     * @param k the number of folds
     * @param parameters the LightGBM parameters; {@code iterations} is the upper bound of rounds
     * @param patience rounds without improvement of the mean AUC before stopping; 0 runs every round and keeps
     *     the last
     * @param log receives one line per fold's final AUC and the choice
     * @throws TrainingException (reason LIGHTGBM) when LightGBM fails
     */
    public static Result run(
            LabelledRows rows, int[] folds, int k, LightGbmParameters parameters, int patience, Consumer<String> log) {
        List<Fold> open = new ArrayList<>();
        double[] outOfFold = new double[rows.rows()];
        try {
            for (int fold = 0; fold < k; fold++) {
                open.add(Fold.open(
                        rows.select(StratifiedFolds.rows(folds, fold, false)),
                        rows.select(StratifiedFolds.rows(folds, fold, true)),
                        StratifiedFolds.rows(folds, fold, true),
                        parameters));
            }
            int maxRounds = parameters.iterations();
            double[][] aucs = new double[maxRounds][k];
            double[] means = new double[maxRounds];
            int best = 0;
            int round = 0;
            boolean stoppedEarly = false;
            while (round < maxRounds) {
                for (int fold = 0; fold < k; fold++) {
                    aucs[round][fold] = open.get(fold).step();
                }
                means[round] = BinaryMetrics.mean(aucs[round]);
                if (patience == 0 || means[round] > means[best] || round == 0) {
                    best = round;
                    for (Fold fold : open) {
                        fold.keepPredictions(outOfFold);
                    }
                }
                round++;
                if (patience > 0 && round - 1 - best >= patience) {
                    stoppedEarly = round < maxRounds;
                    break;
                }
            }
            for (int fold = 0; fold < k; fold++) {
                log.accept(String.format(Locale.ROOT, "cv fold %d/%d: auc %.4f", fold + 1, k, aucs[best][fold]));
            }
            log.accept(String.format(
                    Locale.ROOT,
                    "cv: %d of at most %d rounds, mean auc %.4f%s",
                    best + 1,
                    maxRounds,
                    means[best],
                    stoppedEarly
                            ? " (stopped after " + patience + " rounds without improvement)"
                            : patience == 0 ? " (early stopping off)" : ""));
            return new Result(best + 1, aucs[best], Arrays.copyOf(means, round), stoppedEarly, outOfFold);
        } catch (LGBMException e) {
            throw new TrainingException(
                    Reason.LIGHTGBM, "LightGBM failed during cross-validation: " + e.getMessage(), e);
        } finally {
            open.forEach(Fold::close);
        }
    }

    /** One fold's booster, its training data and its held-out data, grown one round at a time. */
    private static final class Fold {

        private final LGBMDataset fit;
        private final LGBMDataset held;
        private final LGBMBooster booster;
        private final boolean[] heldLabels;
        private final int[] heldPositions;
        private boolean finished;
        private double lastAuc = Double.NaN;
        private double[] lastPredictions;

        private Fold(
                LGBMDataset fit, LGBMDataset held, LGBMBooster booster, boolean[] heldLabels, int[] heldPositions) {
            this.fit = fit;
            this.held = held;
            this.booster = booster;
            this.heldLabels = heldLabels;
            this.heldPositions = heldPositions;
        }

        static Fold open(
                LabelledRows fitRows, LabelledRows heldRows, int[] heldPositions, LightGbmParameters parameters)
                throws LGBMException {
            LGBMDataset fit = TrainedBooster.dataset(fitRows, parameters, null);
            LGBMDataset held = null;
            LGBMBooster booster = null;
            try {
                held = TrainedBooster.dataset(heldRows, parameters, fit);
                booster = LGBMBooster.create(fit, parameters.parameters());
                booster.addValidData(held);
                return new Fold(fit, held, booster, heldRows.labels(), heldPositions);
            } catch (LGBMException | RuntimeException e) {
                TrainedBooster.free(booster, held);
                TrainedBooster.free(null, fit);
                throw e;
            }
        }

        /** One more round (none once LightGBM finds no split left), then the held-out AUC. */
        double step() throws LGBMException {
            if (!finished && booster.updateOneIter()) {
                finished = true; // No further split improves the loss: the score stays as it is.
            }
            if (finished && !Double.isNaN(lastAuc)) {
                return lastAuc;
            }
            lastPredictions = booster.getPredict(1);
            lastAuc = BinaryMetrics.auc(lastPredictions, heldLabels);
            return lastAuc;
        }

        /** Copies the held-out predictions of the current round to their rows' places. */
        void keepPredictions(double[] outOfFold) {
            for (int i = 0; i < heldPositions.length; i++) {
                outOfFold[heldPositions[i]] = lastPredictions[i];
            }
        }

        void close() {
            TrainedBooster.free(booster, held);
            TrainedBooster.free(null, fit);
        }
    }
}
