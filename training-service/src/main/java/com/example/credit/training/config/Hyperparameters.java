package com.example.credit.training.config;

import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingException.Reason;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The validated hyperparameters of one training run, every one set (defaults filled in).
 *
 * @param nEstimators boosting rounds ({@code tree-n-estimators})
 * @param maxDepth the deepest a tree may grow, 0 or -1 for no limit ({@code tree-max-depth})
 * @param numLeaves the most leaves a tree may have ({@code tree-num-leaves})
 * @param boostingType gbdt, dart, goss or rf ({@code tree-boosting-type})
 * @param minChildSamples the fewest training rows a leaf may hold ({@code tree-min-child-samples})
 * @param learningRate shrinkage of each tree ({@code learning-rate})
 * @param cvSplits folds of the cross-validated AUC ({@code cv-splits})
 * @param seed the seed of LightGBM and of the fold assignment ({@code seed})
 * @param numThreads LightGBM threads ({@code num-threads})
 * @param minDataPerGroup the fewest rows a category group of a categorical split may hold
 * @param catSmooth smoothing of categorical splits, against noise in rare categories
 * @param catL2 L2 regularisation of categorical splits
 * @param featureFraction the share of features each tree may look at
 * @param baggingFraction the share of rows each bagging round draws
 * @param baggingFreq bag every so many rounds, 0 for no bagging
 * @param lambdaL1 L1 regularisation of the leaf values
 * @param lambdaL2 L2 regularisation of the leaf values
 * @param earlyStoppingRounds stop the cross-validation when the mean held-out AUC has not improved for this many
 *     rounds and train the final model with the best number of rounds; 0 trains exactly {@code nEstimators}
 * @param monotoneConstraints {@code on}: the schema's {@code x-monotone} directions become LightGBM's
 *     {@code monotone_constraints}; {@code off}: none
 * @param calibration {@code none}, {@code platt} or {@code isotonic}: fitted on the cross-validation's out-of-fold
 *     predictions and stored in model.json, so that the explainer shows calibrated probabilities
 * @param backgroundRows the most rows of each reference population written beside the model
 *     ({@code background.jsonl}, a seeded sample of the training rows stratified by the label, and the named sets)
 * @param referenceSets the named reference populations besides the background: {@code approved} (training rows
 *     that did not default) or {@code none}
 */
public record Hyperparameters(
        int nEstimators,
        int maxDepth,
        int numLeaves,
        String boostingType,
        int minChildSamples,
        double learningRate,
        int cvSplits,
        int seed,
        int numThreads,
        int minDataPerGroup,
        double catSmooth,
        double catL2,
        double featureFraction,
        double baggingFraction,
        int baggingFreq,
        double lambdaL1,
        double lambdaL2,
        int earlyStoppingRounds,
        String monotoneConstraints,
        String calibration,
        int backgroundRows,
        String referenceSets) {

    public Hyperparameters {
        Hyperparameter.TREE_N_ESTIMATORS.check(nEstimators);
        Hyperparameter.TREE_MAX_DEPTH.check(maxDepth);
        Hyperparameter.TREE_NUM_LEAVES.check(numLeaves);
        Hyperparameter.TREE_BOOSTING_TYPE.check(boostingType);
        Hyperparameter.TREE_MIN_CHILD_SAMPLES.check(minChildSamples);
        Hyperparameter.LEARNING_RATE.check(learningRate);
        Hyperparameter.CV_SPLITS.check(cvSplits);
        Hyperparameter.SEED.check(seed);
        Hyperparameter.NUM_THREADS.check(numThreads);
        Hyperparameter.MIN_DATA_PER_GROUP.check(minDataPerGroup);
        Hyperparameter.CAT_SMOOTH.check(catSmooth);
        Hyperparameter.CAT_L2.check(catL2);
        Hyperparameter.FEATURE_FRACTION.check(featureFraction);
        Hyperparameter.BAGGING_FRACTION.check(baggingFraction);
        Hyperparameter.BAGGING_FREQ.check(baggingFreq);
        Hyperparameter.LAMBDA_L1.check(lambdaL1);
        Hyperparameter.LAMBDA_L2.check(lambdaL2);
        Hyperparameter.EARLY_STOPPING_ROUNDS.check(earlyStoppingRounds);
        Hyperparameter.MONOTONE_CONSTRAINTS.check(monotoneConstraints);
        Hyperparameter.CALIBRATION.check(calibration);
        Hyperparameter.BACKGROUND_ROWS.check(backgroundRows);
        Hyperparameter.REFERENCE_SETS.check(referenceSets);
        boolean bagging = baggingFreq > 0 && baggingFraction < 1.0;
        // LightGBM rejects these combinations only after loading the data; say so before.
        if (boostingType.equals("rf") && !bagging) {
            throw new TrainingException(
                    Reason.HYPERPARAMETER,
                    "hyperparameter tree-boosting-type='rf' needs bagging: set"
                            + " bagging-freq above 0 and bagging-fraction below 1 (given " + baggingFreq + " and "
                            + Hyperparameter.plain(baggingFraction) + ")");
        }
        if (boostingType.equals("goss") && bagging) {
            throw new TrainingException(
                    Reason.HYPERPARAMETER,
                    "hyperparameter tree-boosting-type='goss' cannot be combined"
                            + " with bagging: set bagging-freq to 0 or bagging-fraction to 1 (given " + baggingFreq
                            + " and "
                            + Hyperparameter.plain(baggingFraction) + ")");
        }
    }

    /** Every hyperparameter at its default. */
    public static Hyperparameters defaults() {
        return parse(Map.of());
    }

    /**
     * Parses hyperparameters as SageMaker passes them: string values, JSON-decoded where they are JSON. Keys
     * starting with {@code sagemaker_}, and {@code _tuning_objective_metric}, are SageMaker's own and ignored.
     *
     * @throws TrainingException (reason HYPERPARAMETER) for an unknown key or an invalid value, naming both
     */
    public static Hyperparameters parse(Map<String, String> raw) {
        Map<Hyperparameter, Object> values = new EnumMap<>(Hyperparameter.class);
        // Sorted so that with several bad keys the same one is reported every time.
        for (Map.Entry<String, String> entry : new TreeMap<>(raw).entrySet()) {
            String key = entry.getKey();
            if (isSageMakers(key)) {
                continue;
            }
            Hyperparameter parameter = Hyperparameter.byKey(key)
                    .orElseThrow(() -> new TrainingException(
                            Reason.HYPERPARAMETER,
                            "unknown hyperparameter " + key + "='" + entry.getValue() + "'; known hyperparameters: "
                                    + knownKeys()));
            values.put(parameter, parameter.parse(entry.getValue()));
        }
        for (Hyperparameter parameter : Hyperparameter.values()) {
            values.putIfAbsent(parameter, parameter.defaultValue());
        }
        return new Hyperparameters(
                (Integer) values.get(Hyperparameter.TREE_N_ESTIMATORS),
                (Integer) values.get(Hyperparameter.TREE_MAX_DEPTH),
                (Integer) values.get(Hyperparameter.TREE_NUM_LEAVES),
                (String) values.get(Hyperparameter.TREE_BOOSTING_TYPE),
                (Integer) values.get(Hyperparameter.TREE_MIN_CHILD_SAMPLES),
                (Double) values.get(Hyperparameter.LEARNING_RATE),
                (Integer) values.get(Hyperparameter.CV_SPLITS),
                (Integer) values.get(Hyperparameter.SEED),
                (Integer) values.get(Hyperparameter.NUM_THREADS),
                (Integer) values.get(Hyperparameter.MIN_DATA_PER_GROUP),
                (Double) values.get(Hyperparameter.CAT_SMOOTH),
                (Double) values.get(Hyperparameter.CAT_L2),
                (Double) values.get(Hyperparameter.FEATURE_FRACTION),
                (Double) values.get(Hyperparameter.BAGGING_FRACTION),
                (Integer) values.get(Hyperparameter.BAGGING_FREQ),
                (Double) values.get(Hyperparameter.LAMBDA_L1),
                (Double) values.get(Hyperparameter.LAMBDA_L2),
                (Integer) values.get(Hyperparameter.EARLY_STOPPING_ROUNDS),
                (String) values.get(Hyperparameter.MONOTONE_CONSTRAINTS),
                (String) values.get(Hyperparameter.CALIBRATION),
                (Integer) values.get(Hyperparameter.BACKGROUND_ROWS),
                (String) values.get(Hyperparameter.REFERENCE_SETS));
    }

    /** Every value by its key, in declaration order; Integers, Doubles and Strings. */
    public Map<String, Object> asMap() {
        Map<Hyperparameter, Object> values = new EnumMap<>(Hyperparameter.class);
        values.put(Hyperparameter.TREE_N_ESTIMATORS, nEstimators);
        values.put(Hyperparameter.TREE_MAX_DEPTH, maxDepth);
        values.put(Hyperparameter.TREE_NUM_LEAVES, numLeaves);
        values.put(Hyperparameter.TREE_BOOSTING_TYPE, boostingType);
        values.put(Hyperparameter.TREE_MIN_CHILD_SAMPLES, minChildSamples);
        values.put(Hyperparameter.LEARNING_RATE, learningRate);
        values.put(Hyperparameter.CV_SPLITS, cvSplits);
        values.put(Hyperparameter.SEED, seed);
        values.put(Hyperparameter.NUM_THREADS, numThreads);
        values.put(Hyperparameter.MIN_DATA_PER_GROUP, minDataPerGroup);
        values.put(Hyperparameter.CAT_SMOOTH, catSmooth);
        values.put(Hyperparameter.CAT_L2, catL2);
        values.put(Hyperparameter.FEATURE_FRACTION, featureFraction);
        values.put(Hyperparameter.BAGGING_FRACTION, baggingFraction);
        values.put(Hyperparameter.BAGGING_FREQ, baggingFreq);
        values.put(Hyperparameter.LAMBDA_L1, lambdaL1);
        values.put(Hyperparameter.LAMBDA_L2, lambdaL2);
        values.put(Hyperparameter.EARLY_STOPPING_ROUNDS, earlyStoppingRounds);
        values.put(Hyperparameter.MONOTONE_CONSTRAINTS, monotoneConstraints);
        values.put(Hyperparameter.CALIBRATION, calibration);
        values.put(Hyperparameter.BACKGROUND_ROWS, backgroundRows);
        values.put(Hyperparameter.REFERENCE_SETS, referenceSets);
        Map<String, Object> byKey = new LinkedHashMap<>();
        values.forEach((parameter, value) -> byKey.put(parameter.key(), value));
        return Collections.unmodifiableMap(byKey);
    }

    /**
     * Whether SageMaker adds the key itself: {@code sagemaker_*} (framework containers) and
     * {@code _tuning_objective_metric} (automatic model tuning), which a tuned job must not fail on.
     */
    static boolean isSageMakers(String key) {
        return key.startsWith("sagemaker_") || key.equals("_tuning_objective_metric");
    }

    private static String knownKeys() {
        StringBuilder keys = new StringBuilder();
        for (Hyperparameter parameter : Hyperparameter.values()) {
            keys.append(keys.isEmpty() ? "" : ", ").append(parameter.key());
        }
        return keys.toString();
    }
}
