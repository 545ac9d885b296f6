package com.example.credit.core.shap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.core.model.ProbeRows;
import com.example.credit.core.model.Scenario;
import com.example.credit.core.model.TrainedScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SHAP interaction values are exact, symmetric, and each row adds up to its feature's SHAP value. */
class TreeShapInteractionTests {

    @ParameterizedTest
    @EnumSource(
            value = Scenario.class,
            names = {"NUMERIC", "CATEGORICAL", "NAN_MISSING", "ZERO_AS_MISSING", "DEEP", "SPLICED_SINGLE_LEAF"})
    void areSymmetricAndAddUpToTheShapValues(Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        TreeShap shap = TreeShap.of(trained.model());
        double[][] rows = ProbeRows.spread(ProbeRows.of(scenario, trained.model(), 300, 51L + scenario.ordinal()), 300);
        int n = shap.numFeatures();
        double[][] interactions = new double[n][n];

        for (double[] row : rows) {
            double[] phi = shap.contributions(row);
            shap.interactions(row, interactions);
            double total = 0;
            for (int i = 0; i < n; i++) {
                double rowSum = 0;
                for (int j = 0; j < n; j++) {
                    assertThat(interactions[i][j]).isEqualTo(interactions[j][i]);
                    rowSum += interactions[i][j];
                }
                assertThat(rowSum).isCloseTo(phi[i], within(1e-9));
                total += rowSum;
            }
            assertThat(total + shap.expectedValue()).isCloseTo(trained.model().predictRaw(row), within(1e-9));
        }
    }

    @Test
    void equalTheShapleyInteractionIndexComputedByBruteForce() {
        TrainedScenario trained = TrainedScenario.of(Scenario.SMALL);
        TreeShap shap = TreeShap.of(trained.model());
        BruteForceShapley oracle = new BruteForceShapley(trained.model());
        double[][] rows = ProbeRows.of(Scenario.SMALL, trained.model(), 200, 61L);
        int n = shap.numFeatures();

        double maxDelta = 0;
        for (double[] row : rows) {
            double[][] expected = oracle.interactionValues(row);
            double[] expectedPhi = oracle.shapleyValues(row);
            double[][] actual = shap.interactions(row);
            double[] phi = shap.contributions(row);
            for (int i = 0; i < n; i++) {
                maxDelta = Math.max(maxDelta, Math.abs(phi[i] - expectedPhi[i]));
                double offDiagonal = 0;
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        maxDelta = Math.max(maxDelta, Math.abs(actual[i][j] - expected[i][j]));
                        offDiagonal += expected[i][j];
                    }
                }
                maxDelta = Math.max(maxDelta, Math.abs(actual[i][i] - (expectedPhi[i] - offDiagonal)));
            }
        }

        System.out.printf("SMALL: %d rows, max |interaction delta vs brute force| = %.3e%n", rows.length, maxDelta);
        assertThat(maxDelta).isLessThanOrEqualTo(1e-9);
    }

    @Test
    void giveNoInteractionToAFeatureTheModelNeverSplitsOn() {
        // SINGLE_LEAF never splits, so every feature is unused and every interaction is zero.
        TreeShap shap = TreeShap.of(TrainedScenario.of(Scenario.SINGLE_LEAF).model());

        double[][] interactions = shap.interactions(new double[] {1, 2, 3});

        assertThat(interactions).isDeepEqualTo(new double[3][3]);
    }
}
