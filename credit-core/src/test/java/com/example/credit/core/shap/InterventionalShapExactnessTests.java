package com.example.credit.core.shap;

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

/**
 * Interventional TreeSHAP equals the Shapley values of the game {@code v(S) = mean over b of f(x_S, b_rest)}
 * computed by brute force over every coalition from LightGBM's own scores of the hybrid rows, and adds up to
 * LightGBM's raw score minus the background's mean raw score.
 */
class InterventionalShapExactnessTests {

    @ParameterizedTest
    @EnumSource(value = Scenario.class, mode = EnumSource.Mode.EXCLUDE, names = "WIDE_DEEP")
    void equalsBruteForceShapleyValuesOnTrainedModels(Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        double[][] probes = ProbeRows.of(scenario, trained.model(), 200, 211L + scenario.ordinal());
        double[][] background = ProbeRows.spread(probes, 8);
        double[][] rows = ProbeRows.spread(reversed(probes), 40);
        InterventionalShap shap = InterventionalShap.of(trained.model(), background);
        InterventionalBruteForce oracle = new InterventionalBruteForce(trained.reference()::predictRaw);

        double maxDelta = maxDelta(shap, oracle, rows, background);

        System.out.printf(
                "%s: %d rows x %d background rows, max |phi - brute force| = %.3e%n",
                scenario, rows.length, background.length, maxDelta);
        assertThat(maxDelta).isLessThanOrEqualTo(1e-9);
    }

    @Test
    void equalsBruteForceShapleyValuesOnRandomForestsWithRepeatedFeaturesCategoriesAndMissingValues() {
        double maxDelta = 0;
        for (long seed = 0; seed < 40; seed++) {
            RandomForests forests = RandomForests.of(seed, 3 + (int) (seed % 4), 1 + (int) (seed % 6), 9, 1.0);
            SplittableRandom random = new SplittableRandom(1000 + seed);
            double[][] background = forests.rows(1 + (int) (seed % 5), random);
            double[][] rows = forests.rows(10, random);
            LightGbmModel model = LightGbmModel.parse(forests.text());
            try (LightGbmReference reference = LightGbmReference.load(forests.text(), forests.numFeatures())) {
                // The oracle scores with LightGBM; the reader must score the same rows alike for the game to be one.
                double[] lightGbm = reference.predictRaw(rows);
                for (int r = 0; r < rows.length; r++) {
                    assertThat(model.predictRaw(rows[r]))
                            .as("seed %d row %d", seed, r)
                            .isEqualTo(lightGbm[r]);
                }
                InterventionalShap shap = InterventionalShap.of(model, background);
                maxDelta = Math.max(
                        maxDelta,
                        maxDelta(shap, new InterventionalBruteForce(reference::predictRaw), rows, background));
            }
        }

        System.out.printf("random forests: max |phi - brute force| = %.3e%n", maxDelta);
        assertThat(maxDelta).isLessThanOrEqualTo(1e-9);
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void addsUpToTheRawScoreOfLightGbmMinusTheMeanRawScoreOfTheBackground(Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        double[][] background = scenario.sampleRows(100, new SplittableRandom(223L + scenario.ordinal()));
        double[][] rows =
                ProbeRows.spread(ProbeRows.of(scenario, trained.model(), 200, 227L + scenario.ordinal()), 200);
        InterventionalShap shap = InterventionalShap.of(trained.model(), background);
        double[] lightGbmRows = trained.reference().predictRaw(rows);
        double lightGbmBase = Arrays.stream(trained.reference().predictRaw(background))
                .average()
                .orElseThrow();

        assertThat(Math.abs(shap.expectedValue() - lightGbmBase)).isLessThanOrEqualTo(1e-9);
        for (int r = 0; r < rows.length; r++) {
            double[] phi = shap.contributions(rows[r]);
            assertThat(phi[phi.length - 1]).isEqualTo(shap.expectedValue());
            assertThat(Math.abs(sum(phi) - lightGbmRows[r])).as("row %d", r).isLessThanOrEqualTo(1e-9);
        }
    }

    @Test
    void explainsAgainstABackgroundOfOneRow() {
        TrainedScenario trained = TrainedScenario.of(Scenario.SMALL);
        double[][] rows = ProbeRows.spread(ProbeRows.of(Scenario.SMALL, trained.model(), 100, 229L), 30);
        double[] b = Scenario.SMALL.sampleRows(1, new SplittableRandom(233L))[0];
        InterventionalShap shap = InterventionalShap.of(trained.model(), new double[][] {b});
        InterventionalBruteForce oracle = new InterventionalBruteForce(trained.reference()::predictRaw);
        double lightGbmB = trained.reference().predictRaw(new double[][] {b})[0];
        double[] lightGbmRows = trained.reference().predictRaw(rows);

        assertThat(shap.backgroundSize()).isEqualTo(1);
        assertThat(shap.expectedValue()).isEqualTo(lightGbmB);
        for (int r = 0; r < rows.length; r++) {
            double[] phi = shap.contributions(rows[r]);
            assertThat(Math.abs(sum(phi) - phi[phi.length - 1] - (lightGbmRows[r] - lightGbmB)))
                    .isLessThanOrEqualTo(1e-9);
        }
        assertThat(maxDelta(shap, oracle, rows, new double[][] {b})).isLessThanOrEqualTo(1e-9);
    }

    @Test
    void givesNothingToAnyFeatureAgainstTheRowItself() {
        TrainedScenario trained = TrainedScenario.of(Scenario.CATEGORICAL);
        double[] row = ProbeRows.of(Scenario.CATEGORICAL, trained.model(), 10, 239L)[3];
        InterventionalShap shap = InterventionalShap.of(trained.model(), new double[][] {row.clone()});

        double[] phi = shap.contributions(row);

        assertThat(Arrays.copyOf(phi, phi.length - 1)).containsOnly(0.0);
        assertThat(phi[phi.length - 1]).isEqualTo(trained.model().predictRaw(row));
    }

    @Test
    void givesNothingToAFeatureWhoseValueEveryBackgroundRowShares() {
        TrainedScenario trained = TrainedScenario.of(Scenario.NAN_MISSING);
        double[][] rows = ProbeRows.spread(ProbeRows.of(Scenario.NAN_MISSING, trained.model(), 100, 241L), 50);
        double[][] background = Scenario.NAN_MISSING.sampleRows(20, new SplittableRandom(251L));
        int shared = 1;

        for (double[] row : rows) {
            for (double[] b : background) {
                b[shared] = row[shared];
            }
            double[] phi = InterventionalShap.of(trained.model(), background).contributions(row);

            assertThat(phi[shared]).isZero();
            assertThat(Math.abs(sum(phi) - trained.model().predictRaw(row))).isLessThanOrEqualTo(1e-9);
        }
    }

    @Test
    void differsFromPathDependentTreeShapEvenWithTheTrainingDataAsBackground() {
        // With every training row as background the base values agree (each leaf's count is the number of training
        // rows reaching it), but the attributions answer different questions: x's other features come from real
        // rows here, from the trees' cover-weighted averages there.
        TrainedScenario trained = TrainedScenario.of(Scenario.SMALL);
        InterventionalShap interventional =
                InterventionalShap.of(trained.model(), trained.trainingData().rows());
        TreeShap pathDependent = TreeShap.of(trained.model());
        double[][] rows = ProbeRows.spread(ProbeRows.of(Scenario.SMALL, trained.model(), 100, 257L), 20);

        double largestDifference = 0;
        for (double[] row : rows) {
            double[] a = interventional.contributions(row);
            double[] p = pathDependent.contributions(row);
            for (int f = 0; f < a.length - 1; f++) {
                largestDifference = Math.max(largestDifference, Math.abs(a[f] - p[f]));
            }
            assertThat(Math.abs(sum(a) - sum(p))).isLessThanOrEqualTo(1e-9);
        }

        assertThat(Math.abs(interventional.expectedValue() - pathDependent.expectedValue()))
                .isLessThanOrEqualTo(1e-9);
        assertThat(largestDifference).isGreaterThan(1e-3);
    }

    static double maxDelta(
            InterventionalShap shap, InterventionalBruteForce oracle, double[][] rows, double[][] background) {
        double maxDelta = 0;
        for (double[] row : rows) {
            double[] expected = oracle.shapleyValues(row, background);
            double[] phi = shap.contributions(row);
            for (int f = 0; f < expected.length; f++) {
                maxDelta = Math.max(maxDelta, Math.abs(phi[f] - expected[f]));
            }
        }
        return maxDelta;
    }

    static double sum(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum;
    }

    private static double[][] reversed(double[][] rows) {
        double[][] result = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            result[r] = rows[rows.length - 1 - r];
        }
        return result;
    }
}
