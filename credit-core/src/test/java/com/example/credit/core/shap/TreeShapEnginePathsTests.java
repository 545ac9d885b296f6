package com.example.credit.core.shap;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.core.model.ProbeRows;
import com.example.credit.core.model.Scenario;
import com.example.credit.core.model.TrainedScenario;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every engine of {@link TreeShap.Engine} (hybrid, the default; quadrature; the path walk, which interaction values
 * also use) equals LightGBM's own contributions on every scenario, and the path walk to rounding.
 */
class TreeShapEnginePathsTests {

    private static final int SAMPLED_ROWS = 500;

    static Stream<Arguments> everyEngineOnEveryScenario() {
        return Arrays.stream(TreeShap.Engine.values())
                .flatMap(engine -> Arrays.stream(Scenario.values()).map(scenario -> Arguments.of(engine, scenario)));
    }

    @ParameterizedTest
    @MethodSource("everyEngineOnEveryScenario")
    void everyEngineEqualsTheContributionsOfLightGbm(TreeShap.Engine engine, Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        TreeShap shap = TreeShap.of(trained.model(), engine);
        double[][] rows = ProbeRows.of(scenario, trained.model(), SAMPLED_ROWS, 97L + scenario.ordinal());
        double[][] expected = trained.reference().contributions(rows);

        assertThat(maxDelta(shap, rows, expected)).isLessThanOrEqualTo(1e-9);
    }

    @ParameterizedTest
    @MethodSource("everyEngineOnEveryScenario")
    void everyEngineAgreesWithThePathWalkToRounding(TreeShap.Engine engine, Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        TreeShap shap = TreeShap.of(trained.model(), engine);
        TreeShap walkOnly = TreeShap.of(trained.model(), TreeShap.Engine.PATH_WALK);
        double[][] rows = ProbeRows.of(scenario, trained.model(), SAMPLED_ROWS, 131L + scenario.ordinal());
        double[][] walked = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            walked[r] = walkOnly.contributions(rows[r]);
        }

        assertThat(maxDelta(shap, rows, walked)).isLessThanOrEqualTo(1e-12);
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
