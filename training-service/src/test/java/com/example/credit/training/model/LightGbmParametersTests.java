package com.example.credit.training.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.training.config.Hyperparameters;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LightGbmParametersTests {

    @Test
    void declaresCategoricalFeaturesByIndexAndPinsDeterminism() {
        LightGbmParameters parameters = LightGbmParameters.of(
                Hyperparameters.parse(Map.of("learning-rate", "0.05", "num-threads", "2")), FeatureCatalog.standard());

        assertThat(parameters.parameters().split(" "))
                .contains(
                        "objective=binary",
                        "num_iterations=1000",
                        "max_depth=10",
                        "num_leaves=4",
                        "boosting=gbdt",
                        "min_data_in_leaf=40",
                        "lambda_l2=10",
                        "monotone_constraints=0,1,0,1,-1,1,0,-1,0,0,0,0,0,0,0,0,0,0,0,0",
                        "monotone_constraints_method=basic",
                        "learning_rate=0.05",
                        "seed=42",
                        "num_threads=2",
                        "categorical_feature=6,8,9,10,11,15,16,19",
                        "deterministic=true",
                        "force_row_wise=true",
                        "verbosity=-1")
                .noneMatch(pair -> pair.startsWith("cv") || pair.startsWith("early"));
        assertThat(LightGbmParameters.of(
                                Hyperparameters.parse(Map.of("monotone-constraints", "off")), FeatureCatalog.standard())
                        .parameters())
                .doesNotContain("monotone");
        assertThat(parameters.withIterations(137).parameters().split(" "))
                .contains("num_iterations=137")
                .doesNotContain("num_iterations=1000");
        assertThat(parameters.numThreads()).isEqualTo(2);
        assertThat(LightGbmParameters.of(
                                Hyperparameters.parse(Map.of("tree-boosting-type", "goss")), FeatureCatalog.standard())
                        .parameters())
                .contains("boosting=gbdt data_sample_strategy=goss");
        assertThat(parameters.featureNames())
                .isEqualTo(FeatureCatalog.standard().names());
    }
}
