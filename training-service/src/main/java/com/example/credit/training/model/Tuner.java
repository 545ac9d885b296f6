package com.example.credit.training.model;

import com.example.credit.core.metrics.BinaryMetrics;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingException.Reason;
import com.example.credit.training.config.Hyperparameters;
import com.example.credit.training.data.LabelledRows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Hyperparameter search by cross-validation on the training set only: every candidate (a grid, or a seeded
 * random sample of {@link #SPACE}) is scored by the mean held-out AUC of {@link CrossValidation} with early
 * stopping, on the same folds for all, and ranked. The test set is not read: the caller trains the winner and
 * tests it once. The ranges are those of the SageMaker Automatic Model Tuning job in docs/deploy.md.
 */
public final class Tuner {

    /**
     * A hyperparameter range of the search: integers or numbers, sampled uniformly or on a log scale.
     *
     * @param key the hyperparameter
     * @param low the smallest value
     * @param high the largest value
     * @param integer whether values are whole numbers
     * @param logScale whether to sample the logarithm uniformly (for ranges spanning orders of magnitude)
     */
    public record Range(String key, double low, double high, boolean integer, boolean logScale) {

        public Range {
            Objects.requireNonNull(key, "key");
            if (!(low < high) || (logScale && low <= 0)) {
                throw new IllegalArgumentException("range of " + key + " [" + low + ", " + high + "] is empty"
                        + (logScale ? " or not positive, as a log scale needs" : ""));
            }
        }

        /** A value drawn from the range, as the hyperparameter string. */
        String sample(SplittableRandom random) {
            double u = random.nextDouble();
            double value =
                    logScale ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low))) : low + u * (high - low);
            if (integer) {
                return Long.toString(Math.round(value));
            }
            // Four significant digits: a leaderboard people can read and a value SageMaker would pass.
            return String.format(Locale.ROOT, "%.4g", value).replaceAll("\\.?0+$", "");
        }
    }

    /** The search space: the complexity of the trees, the step size and the regularisation. */
    public static final List<Range> SPACE = List.of(
            new Range("tree-num-leaves", 4, 64, true, true),
            new Range("tree-min-child-samples", 5, 100, true, true),
            new Range("learning-rate", 0.01, 0.3, false, true),
            new Range("lambda-l2", 0.01, 100, false, true),
            new Range("feature-fraction", 0.5, 1.0, false, false));

    /**
     * One scored candidate.
     *
     * @param number its place in the order of evaluation, from 1
     * @param overrides the hyperparameters it sets over the base ones
     * @param rounds the boosting rounds early stopping chose
     * @param cvAuc the mean held-out AUC at that round
     * @param cvStd the standard deviation of the fold AUCs
     */
    public record Trial(int number, Map<String, String> overrides, int rounds, double cvAuc, double cvStd) {

        public Trial {
            overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        }
    }

    private Tuner() {}

    /** {@code trials} candidates drawn from {@link #SPACE} with a seeded generator (same seed, same candidates). */
    public static List<Map<String, String>> randomCandidates(int trials, long seed) {
        if (trials < 1) {
            throw new IllegalArgumentException("trials is " + trials + ", must be at least 1");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, String>> candidates = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            Map<String, String> candidate = new LinkedHashMap<>();
            for (Range range : SPACE) {
                candidate.put(range.key(), range.sample(random));
            }
            candidates.add(candidate);
        }
        return candidates;
    }

    /** Every combination of the axes' values, the first axis varying slowest. */
    public static List<Map<String, String>> grid(Map<String, List<String>> axes) {
        List<Map<String, String>> candidates = new ArrayList<>();
        candidates.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : candidates) {
                for (String value : axis.getValue()) {
                    Map<String, String> candidate = new LinkedHashMap<>(partial);
                    candidate.put(axis.getKey(), value);
                    next.add(candidate);
                }
            }
            candidates = next;
        }
        return candidates;
    }

    /**
     * Scores every candidate, best first (ties: fewer rounds, then the earlier candidate).
     *
     * @param train the training rows (only these)
     * @param catalog the features
     * @param base the hyperparameters every candidate starts from (cv-splits, seed, the round bound, ...)
     * @param candidates the overrides to score
     * @param log one line per candidate
     * @throws TrainingException (reason HYPERPARAMETER) when a candidate is invalid, naming it
     */
    public static List<Trial> search(
            LabelledRows train,
            FeatureCatalog catalog,
            Map<String, String> base,
            List<Map<String, String>> candidates,
            Consumer<String> log) {
        Hyperparameters baseline = Hyperparameters.parse(base);
        int k = baseline.cvSplits();
        int[] folds = CrossValidation.folds(train, baseline);
        for (Map<String, String> candidate : candidates) {
            for (String fixed : List.of("cv-splits", "seed")) {
                if (candidate.containsKey(fixed)) {
                    throw new TrainingException(
                            Reason.HYPERPARAMETER,
                            "a tuning candidate may not set " + fixed + " (" + candidate
                                    + "): every candidate is scored on the same folds; set it in the base");
                }
            }
        }
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Map<String, String> merged = new TreeMap<>(base);
            merged.putAll(candidates.get(i));
            Hyperparameters hyperparameters = Hyperparameters.parse(merged);
            CrossValidation.Result result = CrossValidation.run(
                    train,
                    folds,
                    k,
                    LightGbmParameters.of(hyperparameters, catalog),
                    hyperparameters.earlyStoppingRounds(),
                    line -> {});
            Trial trial = new Trial(
                    i + 1,
                    candidates.get(i),
                    result.rounds(),
                    BinaryMetrics.mean(result.foldAucs()),
                    BinaryMetrics.standardDeviation(result.foldAucs()));
            trials.add(trial);
            log.accept(String.format(
                    Locale.ROOT,
                    "trial %d/%d: cv auc %.4f (+/- %.4f), %d rounds, %s",
                    trial.number(),
                    candidates.size(),
                    trial.cvAuc(),
                    trial.cvStd(),
                    trial.rounds(),
                    trial.overrides()));
        }
        trials.sort(Comparator.comparingDouble(Trial::cvAuc)
                .reversed()
                .thenComparingInt(Trial::rounds)
                .thenComparingInt(Trial::number));
        return List.copyOf(trials);
    }

    /** The best {@code top} trials as a fixed-width table, for the log and the terminal. */
    public static List<String> leaderboard(List<Trial> ranked, int top) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "%4s %6s %8s %8s %6s  %s",
                "rank",
                "trial",
                "cv_auc",
                "cv_std",
                "rounds",
                "hyperparameters"));
        for (int i = 0; i < Math.min(top, ranked.size()); i++) {
            Trial trial = ranked.get(i);
            lines.add(String.format(
                    Locale.ROOT,
                    "%4d %6d %8.4f %8.4f %6d  %s",
                    i + 1,
                    trial.number(),
                    trial.cvAuc(),
                    trial.cvStd(),
                    trial.rounds(),
                    trial.overrides()));
        }
        return lines;
    }
}
