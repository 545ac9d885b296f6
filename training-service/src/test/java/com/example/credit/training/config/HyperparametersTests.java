package com.example.credit.training.config;

import static com.example.credit.training.TrainingFailures.hasReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingException.Reason;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperparametersTests {

    @Test
    void fillsInTheDocumentedDefaults() {
        Hyperparameters defaults = Hyperparameters.defaults();

        assertThat(defaults.nEstimators())
                .as("the upper bound of early stopping")
                .isEqualTo(1000);
        assertThat(defaults.maxDepth()).isEqualTo(10);
        assertThat(defaults.numLeaves()).isEqualTo(4);
        assertThat(defaults.boostingType()).isEqualTo("gbdt");
        assertThat(defaults.minChildSamples()).isEqualTo(40);
        assertThat(defaults.learningRate()).isEqualTo(0.05);
        assertThat(defaults.lambdaL1()).isZero();
        assertThat(defaults.lambdaL2()).isEqualTo(10.0);
        assertThat(defaults.earlyStoppingRounds()).isEqualTo(30);
        assertThat(defaults.monotoneConstraints()).isEqualTo("on");
        assertThat(defaults.calibration()).isEqualTo("none");
        assertThat(defaults.backgroundRows()).isEqualTo(200);
        assertThat(defaults.referenceSets()).isEqualTo("approved");
        assertThat(defaults.cvSplits()).isEqualTo(5);
        assertThat(defaults.seed()).isEqualTo(42);
        assertThat(defaults.numThreads()).isEqualTo(1);
    }

    @Test
    void decodesSageMakersStringValuesAsJson() {
        Hyperparameters parsed = Hyperparameters.parse(Map.of(
                "tree-n-estimators", "250",
                "learning-rate", "5e-2",
                "tree-boosting-type", "\"dart\"",
                "cat-smooth", "3"));

        assertThat(parsed.nEstimators()).isEqualTo(250);
        assertThat(parsed.learningRate()).isEqualTo(0.05);
        assertThat(parsed.boostingType()).isEqualTo("dart");
        assertThat(parsed.catSmooth()).isEqualTo(3.0);
    }

    @Test
    void takesTheRawStringWhenTheValueIsNotJson() {
        assertThat(Hyperparameters.parse(Map.of("tree-boosting-type", "goss")).boostingType())
                .isEqualTo("goss");
    }

    @Test
    void acceptsANumberQuotedOnceMore() {
        assertThat(Hyperparameters.parse(Map.of("tree-max-depth", "\"6\"")).maxDepth())
                .isEqualTo(6);
    }

    @Test
    void ignoresSageMakersOwnKeys() {
        Hyperparameters parsed = Hyperparameters.parse(Map.of(
                "sagemaker_program",
                "train",
                "sagemaker_submit_directory",
                "s3://bucket/x",
                "_tuning_objective_metric",
                "test_auc",
                "seed",
                "7"));

        assertThat(parsed.seed()).isEqualTo(7);
        assertThat(parsed.asMap())
                .doesNotContainKeys("sagemaker_program", "sagemaker_submit_directory", "_tuning_objective_metric");
    }

    @Test
    void rejectsAnUnknownKeyNamingItAndTheKnownOnes() {
        assertThatThrownBy(() -> Hyperparameters.parse(Map.of("n_estimators", "10")))
                .isInstanceOfSatisfying(TrainingException.class, hasReason(Reason.HYPERPARAMETER))
                .hasMessageStartingWith("unknown hyperparameter n_estimators='10'; known hyperparameters:"
                        + " tree-n-estimators, tree-max-depth,");
    }

    @Test
    void rejectsAFractionWhereAnIntegerIsExpected() {
        assertThatThrownBy(() -> Hyperparameters.parse(Map.of("tree-n-estimators", "10.5")))
                .isInstanceOfSatisfying(TrainingException.class, hasReason(Reason.HYPERPARAMETER))
                .hasMessage("hyperparameter tree-n-estimators='10.5' is invalid: must be an integer in [1, 10000]");
    }

    @Test
    void rejectsAWordWhereANumberIsExpected() {
        assertThatThrownBy(() -> Hyperparameters.parse(Map.of("learning-rate", "fast")))
                .hasMessage("hyperparameter learning-rate='fast' is invalid: must be a number in [0.000001, 1]");
    }

    @Test
    void rejectsANumberFollowedByText() {
        assertThatThrownBy(() -> Hyperparameters.parse(Map.of("tree-n-estimators", "10 trees")))
                .hasMessage("hyperparameter tree-n-estimators='10 trees' is invalid: must be an integer in [1, 10000]");
    }

    @Test
    void rejectsAValueOutsideTheRange() {
        assertThatThrownBy(() -> Hyperparameters.parse(Map.of("cv-splits", "1")))
                .hasMessage("hyperparameter cv-splits='1' is invalid: must be an integer in [2, 20]");
        assertThatThrownBy(() -> Hyperparameters.parse(Map.of("num-threads", "0")))
                .hasMessage("hyperparameter num-threads='0' is invalid: must be an integer in [1, 256]");
    }

    @Test
    void rejectsABoostingTypeLightGbmDoesNotHave() {
        assertThatThrownBy(() -> Hyperparameters.parse(Map.of("tree-boosting-type", "xgboost")))
                .hasMessage("hyperparameter tree-boosting-type='xgboost' is invalid: must be one of"
                        + " gbdt|dart|goss|rf");
    }

    @Test
    void rejectsRandomForestWithoutBagging() {
        assertThatThrownBy(() -> Hyperparameters.parse(Map.of("tree-boosting-type", "rf")))
                .isInstanceOfSatisfying(TrainingException.class, hasReason(Reason.HYPERPARAMETER))
                .hasMessageStartingWith("hyperparameter tree-boosting-type='rf' needs bagging");
        assertThat(Hyperparameters.parse(
                                Map.of("tree-boosting-type", "rf", "bagging-freq", "1", "bagging-fraction", "0.8"))
                        .boostingType())
                .isEqualTo("rf");
    }

    @Test
    void rejectsGossWithBagging() {
        assertThatThrownBy(() -> Hyperparameters.parse(
                        Map.of("tree-boosting-type", "goss", "bagging-freq", "1", "bagging-fraction", "0.8")))
                .hasMessageStartingWith("hyperparameter tree-boosting-type='goss' cannot be combined with bagging");
    }

    @Test
    void listsEveryValueByKeyInDeclarationOrder() {
        assertThat(Hyperparameters.defaults().asMap().keySet())
                .containsExactly(
                        "tree-n-estimators",
                        "tree-max-depth",
                        "tree-num-leaves",
                        "tree-boosting-type",
                        "tree-min-child-samples",
                        "learning-rate",
                        "cv-splits",
                        "seed",
                        "num-threads",
                        "min-data-per-group",
                        "cat-smooth",
                        "cat-l2",
                        "feature-fraction",
                        "bagging-fraction",
                        "bagging-freq",
                        "lambda-l1",
                        "lambda-l2",
                        "early-stopping-rounds",
                        "monotone-constraints",
                        "calibration",
                        "background-rows",
                        "reference-sets");
        assertThat(Hyperparameters.defaults().asMap()).containsEntry("learning-rate", 0.05);
    }

    @Test
    void limitsTheReferencePopulationsToWhatTheExplainerServes() {
        assertThat(Hyperparameters.parse(Map.of("background-rows", "1000", "reference-sets", "none")))
                .satisfies(h -> assertThat(h.backgroundRows()).isEqualTo(1000))
                .satisfies(h -> assertThat(h.referenceSets()).isEqualTo("none"));
        assertThatThrownBy(() -> Hyperparameters.parse(Map.of("background-rows", "1001")))
                .isInstanceOf(TrainingException.class)
                .hasMessage("hyperparameter background-rows='1001' is invalid: must be an integer in [1, 1000]");
        assertThatThrownBy(() -> Hyperparameters.parse(Map.of("reference-sets", "declined")))
                .isInstanceOf(TrainingException.class)
                .hasMessage("hyperparameter reference-sets='declined' is invalid: must be one of approved|none");
    }
}
