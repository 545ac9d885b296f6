package com.example.credit.core.shap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.core.model.ProbeRows;
import com.example.credit.core.model.Scenario;
import com.example.credit.core.model.TrainedScenario;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SHAP interaction values are exact, symmetric, and each row adds up to its feature's SHAP value, with every engine
 * (the path walk conditions LightGBM's recursion; the others take one quadrature walk per tree for all pairs).
 */
class TreeShapInteractionTests {

    static Stream<Arguments> everyEngineOnTheScenarios() {
        return Arrays.stream(TreeShap.Engine.values()).flatMap(engine -> Stream.of(
                        Scenario.NUMERIC,
                        Scenario.CATEGORICAL,
                        Scenario.NAN_MISSING,
                        Scenario.ZERO_AS_MISSING,
                        Scenario.DEEP,
                        Scenario.WIDE_DEEP,
                        Scenario.SPLICED_SINGLE_LEAF)
                .map(scenario -> Arguments.of(engine, scenario)));
    }

    @ParameterizedTest
    @MethodSource("everyEngineOnTheScenarios")
    void areSymmetricAndAddUpToTheShapValues(TreeShap.Engine engine, Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        TreeShap shap = TreeShap.of(trained.model(), engine);
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

    @ParameterizedTest
    @EnumSource(TreeShap.Engine.class)
    void equalTheShapleyInteractionIndexComputedByBruteForce(TreeShap.Engine engine) {
        TrainedScenario trained = TrainedScenario.of(Scenario.SMALL);
        TreeShap shap = TreeShap.of(trained.model(), engine);
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

        System.out.printf(
                "SMALL, %s: %d rows, max |interaction delta vs brute force| = %.3e%n", engine, rows.length, maxDelta);
        assertThat(maxDelta).isLessThanOrEqualTo(1e-9);
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void quadratureInteractionsEqualTheConditionedPathWalkToRounding(Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        TreeShap walkOnly = TreeShap.of(trained.model(), TreeShap.Engine.PATH_WALK);
        TreeShap hybrid = TreeShap.of(trained.model(), TreeShap.Engine.HYBRID);
        TreeShap quadrature = TreeShap.of(trained.model(), TreeShap.Engine.QUADRATURE);
        // Probe rows add values on thresholds, NaN and unseen categories to the sampled rows.
        double[][] rows = ProbeRows.of(scenario, trained.model(), 150, 71L + scenario.ordinal());

        double maxDelta = 0;
        for (double[] row : rows) {
            double[][] expected = walkOnly.interactions(row);
            for (TreeShap shap : new TreeShap[] {hybrid, quadrature}) {
                double[][] actual = shap.interactions(row);
                for (int i = 0; i < expected.length; i++) {
                    for (int j = 0; j < expected.length; j++) {
                        maxDelta = Math.max(maxDelta, Math.abs(actual[i][j] - expected[i][j]));
                    }
                }
            }
        }

        assertThat(maxDelta).isLessThanOrEqualTo(1e-12);
    }

    @ParameterizedTest
    @EnumSource(TreeShap.Engine.class)
    void giveNoInteractionToAFeatureTheModelNeverSplitsOn(TreeShap.Engine engine) {
        // SINGLE_LEAF never splits, so every feature is unused and every interaction is zero.
        TreeShap shap = TreeShap.of(TrainedScenario.of(Scenario.SINGLE_LEAF).model(), engine);

        double[][] interactions = shap.interactions(new double[] {1, 2, 3});

        assertThat(interactions).isDeepEqualTo(new double[3][3]);
    }
}
