package com.example.credit.core.shap;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.core.model.ProbeRows;
import com.example.credit.core.model.Scenario;
import com.example.credit.core.model.TrainedScenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The two ways the engine explains a tree, by leaf tables and by the path walk (used for trees whose paths test
 * too many distinct features to tabulate), each equal LightGBM's own contributions on every scenario.
 */
class TreeShapEnginePathsTests {

    private static final int SAMPLED_ROWS = 500;

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void pathWalkAloneEqualsTheContributionsOfLightGbm(Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        TreeShap walkOnly = TreeShap.pathWalkOnly(trained.model());
        double[][] rows = ProbeRows.of(scenario, trained.model(), SAMPLED_ROWS, 97L + scenario.ordinal());
        double[][] expected = trained.reference().contributions(rows);

        double maxDelta = maxDelta(walkOnly, rows, expected);

        assertThat(maxDelta).isLessThanOrEqualTo(1e-9);
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void leafTablesAndPathWalkGiveTheSameContributions(Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        TreeShap tables = TreeShap.of(trained.model());
        TreeShap walkOnly = TreeShap.pathWalkOnly(trained.model());
        double[][] rows = ProbeRows.of(scenario, trained.model(), SAMPLED_ROWS, 131L + scenario.ordinal());
        double[][] walked = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            walked[r] = walkOnly.contributions(rows[r]);
        }

        double maxDelta = maxDelta(tables, rows, walked);

        assertThat(maxDelta).isLessThanOrEqualTo(1e-12);
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
