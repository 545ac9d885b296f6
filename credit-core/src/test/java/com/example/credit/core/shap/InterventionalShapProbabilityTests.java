package com.example.credit.core.shap;

import static com.example.credit.core.shap.InterventionalShapExactnessTests.sum;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.model.LightGbmReference;
import com.example.credit.core.model.ProbeRows;
import com.example.credit.core.model.Scenario;
import com.example.credit.core.model.TrainedScenario;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The probability view ({@value InterventionalShap#PROBABILITY_METHOD}) is shap's interventional
 * {@code model_output="probability"}: against each background row {@code b} the log-odds values times the secant
 * slope {@code (p(f(x)) - p(f(b))) / (f(x) - f(b))}, averaged; base value the mean background probability.
 */
class InterventionalShapProbabilityTests {

    /** Two stumps whose raw scores are 0 for both (1, 1) and (-1, -1), while each feature moves the score by 1. */
    private static final String TIED_STUMPS = "tree\nversion=v4\nnum_class=1\nnum_tree_per_iteration=1\nlabel_index=0\n"
            + "max_feature_idx=1\nobjective=binary sigmoid:1\nfeature_names=a b\nfeature_infos=[-1:1] [-1:1]\n\n"
            + stump(0, 0, "-0.5 0.5") + stump(1, 1, "0.5 -0.5") + "end of trees\n";

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void addsUpToTheProbabilityOfLightGbm(Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        double[][] background = scenario.sampleRows(50, new SplittableRandom(307L + scenario.ordinal()));
        double[][] rows =
                ProbeRows.spread(ProbeRows.of(scenario, trained.model(), 100, 311L + scenario.ordinal()), 100);

        assertAddsUpToTheProbabilityOf(trained.model(), trained.reference(), background, rows);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.7, 2.0})
    void addsUpToTheProbabilityOfLightGbmForAnySigmoidParameter(double sigmoid) {
        RandomForests forests = RandomForests.of(313L, 5, 6, 9, sigmoid);
        SplittableRandom random = new SplittableRandom(317L);
        try (LightGbmReference reference = LightGbmReference.load(forests.text(), forests.numFeatures())) {
            assertAddsUpToTheProbabilityOf(
                    LightGbmModel.parse(forests.text()), reference, forests.rows(7, random), forests.rows(50, random));
        }
    }

    @Test
    void rescalesTheValuesAgainstEachBackgroundRowByTheSecantSlopeOfTheProbability() {
        TrainedScenario trained = TrainedScenario.of(Scenario.SMALL);
        LightGbmReference reference = trained.reference();
        double[][] background = Scenario.SMALL.sampleRows(6, new SplittableRandom(331L));
        double[][] rows = ProbeRows.spread(ProbeRows.of(Scenario.SMALL, trained.model(), 100, 337L), 30);
        InterventionalShap shap = InterventionalShap.of(trained.model(), background);
        InterventionalBruteForce oracle = new InterventionalBruteForce(reference::predictRaw);
        double[] backgroundRaw = reference.predictRaw(background);
        double[] backgroundProbability = reference.predictProbability(background);

        double maxDelta = 0;
        for (double[] row : rows) {
            double raw = reference.predictRaw(new double[][] {row})[0];
            double probability = reference.predictProbability(new double[][] {row})[0];
            double[] expected = new double[row.length];
            for (int b = 0; b < background.length; b++) {
                // Rows reaching the same leaves as b score alike; then the tangent (sigmoid:1) stands for the secant.
                double slope = Math.abs(raw - backgroundRaw[b]) < 1e-6
                        ? probability * (1 - probability)
                        : (probability - backgroundProbability[b]) / (raw - backgroundRaw[b]);
                double[] phi = oracle.shapleyValues(row, new double[][] {background[b]});
                for (int f = 0; f < row.length; f++) {
                    expected[f] += slope * phi[f] / background.length;
                }
            }
            double[] view = shap.probabilityContributions(row);
            for (int f = 0; f < row.length; f++) {
                maxDelta = Math.max(maxDelta, Math.abs(view[f] - expected[f]));
            }
        }

        assertThat(maxDelta).isLessThanOrEqualTo(1e-9);
    }

    @Test
    void scalesByTheDerivativeOfTheProbabilityWhereRowAndBackgroundRowScoreAlike() {
        // shap's code takes the factor 1 here, which would report log-odds as probabilities; the secant's limit is
        // the derivative, p'(0) = 1/4.
        LightGbmModel model = LightGbmModel.parse(TIED_STUMPS);
        double[] row = {1, 1};
        double[] b = {-1, -1};
        try (LightGbmReference reference = LightGbmReference.load(TIED_STUMPS, 2)) {
            assertThat(reference.predictRaw(new double[][] {row, b})).containsExactly(0.0, 0.0);
        }
        InterventionalShap shap = InterventionalShap.of(model, new double[][] {b});

        assertThat(shap.contributions(row)).containsExactly(1.0, -1.0, 0.0);
        assertThat(shap.probabilityContributions(row)).containsExactly(0.25, -0.25, 0.5);
    }

    private static void assertAddsUpToTheProbabilityOf(
            LightGbmModel model, LightGbmReference reference, double[][] background, double[][] rows) {
        InterventionalShap shap = InterventionalShap.of(model, background);
        double[] lightGbmRows = reference.predictProbability(rows);
        double lightGbmBase = Arrays.stream(reference.predictProbability(background))
                .average()
                .orElseThrow();

        assertThat(Math.abs(shap.expectedProbability() - lightGbmBase)).isLessThanOrEqualTo(1e-12);
        for (int r = 0; r < rows.length; r++) {
            double[] view = shap.probabilityContributions(rows[r]);
            assertThat(view[view.length - 1]).isEqualTo(shap.expectedProbability());
            assertThat(Math.abs(sum(view) - lightGbmRows[r])).as("row %d", r).isLessThanOrEqualTo(1e-9);
        }
    }

    private static String stump(int index, int feature, String leafValues) {
        return "Tree=" + index + "\nnum_leaves=2\nnum_cat=0\nsplit_feature=" + feature + "\nsplit_gain=1\nthreshold=0\n"
                + "decision_type=2\nleft_child=-1\nright_child=-2\nleaf_value=" + leafValues + "\nleaf_weight=1 1\n"
                + "leaf_count=10 10\ninternal_value=0\ninternal_weight=2\ninternal_count=20\nis_linear=0\n"
                + "shrinkage=1\n\n\n";
    }
}
