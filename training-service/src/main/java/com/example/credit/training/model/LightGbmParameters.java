package com.example.credit.training.model;

import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.Monotone;
import com.example.credit.training.config.Hyperparameter;
import com.example.credit.training.config.Hyperparameters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The LightGBM parameter string of a run, and the feature names handed to the dataset.
 *
 * @param parameters space-separated {@code key=value} pairs for both dataset and booster
 * @param iterations the number of boosting rounds
 * @param numThreads the LightGBM threads, for prediction too
 * @param featureNames the feature names in model order
 */
public record LightGbmParameters(String parameters, int iterations, int numThreads, List<String> featureNames) {

    public LightGbmParameters {
        Objects.requireNonNull(parameters, "parameters");
        featureNames = List.copyOf(featureNames);
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations is " + iterations + ", must be at least 1");
        }
        if (numThreads < 1) {
            throw new IllegalArgumentException("numThreads is " + numThreads + ", must be at least 1");
        }
    }

    /**
     * The parameters for a binary model with native categorical features: the categorical features are named by
     * index ({@code categorical_feature}), so LightGBM splits on category sets instead of one-hot columns and
     * explanations stay per original feature. Determinism: fixed seed, {@code deterministic=true},
     * {@code force_row_wise=true} (no timing-based choice of histogram layout) and the given thread count.
     */
    public static LightGbmParameters of(Hyperparameters hyperparameters, FeatureCatalog catalog) {
        List<String> pairs = new ArrayList<>();
        pairs.add("objective=binary");
        for (Map.Entry<String, Object> entry : hyperparameters.asMap().entrySet()) {
            Hyperparameter parameter = Hyperparameter.byKey(entry.getKey()).orElseThrow();
            if (parameter == Hyperparameter.TREE_BOOSTING_TYPE
                    && entry.getValue().equals("goss")) {
                // LightGBM 4 treats GOSS as a row-sampling strategy of gbdt; say so instead of the deprecated alias.
                pairs.add("boosting=gbdt");
                pairs.add("data_sample_strategy=goss");
                continue;
            }
            parameter.lightGbmName().ifPresent(name -> pairs.add(name + "=" + format(entry.getValue())));
        }
        List<String> categorical = catalog.features().stream()
                .filter(Feature::isCategorical)
                .map(feature -> String.valueOf(feature.index()))
                .toList();
        if (!categorical.isEmpty()) {
            pairs.add("categorical_feature=" + String.join(",", categorical));
        }
        boolean constrained = catalog.features().stream().anyMatch(feature -> feature.monotone() != Monotone.NONE);
        if (hyperparameters.monotoneConstraints().equals("on") && constrained) {
            // One entry per feature in model order; "basic" keeps every leaf of a split's upper side at least as
            // high as every leaf of its lower side, which makes the model (and its SHAP values) monotone.
            pairs.add("monotone_constraints="
                    + String.join(
                            ",",
                            catalog.features().stream()
                                    .map(feature ->
                                            Integer.toString(feature.monotone().lightGbmValue()))
                                    .toList()));
            pairs.add("monotone_constraints_method=basic");
        }
        pairs.add("deterministic=true");
        pairs.add("force_row_wise=true");
        pairs.add("verbosity=-1");
        return new LightGbmParameters(
                String.join(" ", pairs), hyperparameters.nEstimators(), hyperparameters.numThreads(), catalog.names());
    }

    /**
     * The same parameters with another number of boosting rounds (the one early stopping chose), also in the
     * parameter string, which LightGBM copies into model.txt.
     */
    public LightGbmParameters withIterations(int rounds) {
        return new LightGbmParameters(
                parameters.replaceAll("(^| )num_iterations=\\d+", "$1num_iterations=" + rounds),
                rounds,
                numThreads,
                featureNames);
    }

    private static String format(Object value) {
        return value instanceof Double d
                ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                : value.toString();
    }
}
