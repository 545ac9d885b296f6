package com.example.credit.core.shap;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.core.model.ProbeRows;
import com.example.credit.core.model.Scenario;
import com.example.credit.core.model.TrainedScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engines that explain a tree (quadrature, the default; leaf tables; the path walk, which interaction values
 * also use) each equal LightGBM's own contributions on every scenario and each other.
 */
class TreeShapEnginePathsTests {

    private static final int SAMPLED_ROWS = 500;

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void pathWalkAloneEqualsTheContributionsOfLightGbm(Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        TreeShap walkOnly = TreeShap.of(trained.model(), TreeShap.Engine.PATH_WALK);
        double[][] rows = ProbeRows.of(scenario, trained.model(), SAMPLED_ROWS, 97L + scenario.ordinal());
        double[][] expected = trained.reference().contributions(rows);

        double maxDelta = maxDelta(walkOnly, rows, expected);

        assertThat(maxDelta).isLessThanOrEqualTo(1e-9);
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void quadratureAloneEqualsTheContributionsOfLightGbm(Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        TreeShap quadrature = TreeShap.of(trained.model(), TreeShap.Engine.QUADRATURE);
        double[][] rows = ProbeRows.of(scenario, trained.model(), SAMPLED_ROWS, 61L + scenario.ordinal());
        double[][] expected = trained.reference().contributions(rows);

        double maxDelta = maxDelta(quadrature, rows, expected);

        assertThat(maxDelta).isLessThanOrEqualTo(1e-9);
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void quadratureAndPathWalkGiveTheSameContributions(Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        TreeShap quadrature = TreeShap.of(trained.model(), TreeShap.Engine.QUADRATURE);
        TreeShap walkOnly = TreeShap.of(trained.model(), TreeShap.Engine.PATH_WALK);
        double[][] rows = ProbeRows.of(scenario, trained.model(), SAMPLED_ROWS, 173L + scenario.ordinal());
        double[][] walked = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            walked[r] = walkOnly.contributions(rows[r]);
        }

        double maxDelta = maxDelta(quadrature, rows, walked);

        assertThat(maxDelta).isLessThanOrEqualTo(1e-12);
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void leafTablesAndPathWalkGiveTheSameContributions(Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        TreeShap tables = TreeShap.of(trained.model(), TreeShap.Engine.LEAF_TABLES);
        TreeShap walkOnly = TreeShap.of(trained.model(), TreeShap.Engine.PATH_WALK);
        double[][] rows = ProbeRows.of(scenario, trained.model(), SAMPLED_ROWS, 131L + scenario.ordinal());
        double[][] walked = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            walked[r] = walkOnly.contributions(rows[r]);
        }

        double maxDelta = maxDelta(tables, rows, walked);

        assertThat(maxDelta).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void defaultEngineExplainsWideDeepTreesPartlyByTablesAndPartlyByQuadrature() {
        TrainedScenario trained = TrainedScenario.of(Scenario.WIDE_DEEP);
        TreeShap shap = TreeShap.of(trained.model());
        double[][] rows = ProbeRows.of(Scenario.WIDE_DEEP, trained.model(), SAMPLED_ROWS, 7L);
        double[][] expected = trained.reference().contributions(rows);

        assertThat(shap.treesInLeafTables())
                .isBetween(1, trained.model().forest().numTrees() - 1);
        assertThat(maxDelta(shap, rows, expected)).isLessThanOrEqualTo(1e-9);
    }

    private static double maxDelta(TreeShap shap, double[][] rows, double[][] expected) {
        double maxDelta = 0;
        double[] out = new double[shap.numFeatures() + 1];
        for (int r = 0; r < rows.length; r++) {
            shap.contributions(rows[r], out);
            for (int f = 0; f < out.length; f++) {
                maxDelta = Math.max(maxDelta, Math.abs(out[f] - expected[r][f]));
            }
        }
        return maxDelta;
    }
}
