package com.example.credit.core.shap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.core.model.FeatureVectorException;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.model.ProbeRows;
import com.example.credit.core.model.Scenario;
import com.example.credit.core.model.TrainedScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TreeSHAP contributions equal LightGBM's own {@code pred_contrib} and add up to the raw score. */
class TreeShapAgreementTests {

    private static final int SAMPLED_ROWS = 2000;

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void equalsTheContributionsOfLightGbm(Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        TreeShap shap = TreeShap.of(trained.model());
        double[][] rows = ProbeRows.of(scenario, trained.model(), SAMPLED_ROWS, 31L + scenario.ordinal());
        double[][] expected = trained.reference().contributions(rows);

        double maxDelta = 0;
        double[] out = new double[shap.numFeatures() + 1];
        for (int r = 0; r < rows.length; r++) {
            shap.contributions(rows[r], out);
            for (int f = 0; f < out.length; f++) {
                maxDelta = Math.max(maxDelta, Math.abs(out[f] - expected[r][f]));
            }
        }

        System.out.printf("%s: %d rows, max |contribution delta| = %.3e%n", scenario, rows.length, maxDelta);
        assertThat(rows.length).isGreaterThanOrEqualTo(SAMPLED_ROWS);
        assertThat(maxDelta).isLessThanOrEqualTo(1e-9);
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void addsUpToTheRawScore(Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        TreeShap shap = TreeShap.of(trained.model());
        double[][] rows = ProbeRows.of(scenario, trained.model(), 500, 41L + scenario.ordinal());

        for (double[] row : rows) {
            double[] phi = shap.contributions(row);
            double sum = 0;
            for (double value : phi) {
                sum += value;
            }
            assertThat(phi[phi.length - 1]).isEqualTo(shap.expectedValue());
            assertThat(Math.abs(sum - trained.model().predictRaw(row))).isLessThanOrEqualTo(1e-9);
        }
    }

    @Test
    void explainsOneLeafTreesThroughTheBiasOnly() {
        LightGbmModel model = TrainedScenario.of(Scenario.SINGLE_LEAF).model();
        TreeShap shap = TreeShap.of(model);

        double[] phi = shap.contributions(new double[] {0.5, Double.NaN, -2});

        assertThat(phi).containsExactly(0.0, 0.0, 0.0, model.predictRaw(new double[3]));
    }

    @Test
    void keepsSplicedOneLeafTreesInTheExpectedValue() {
        TrainedScenario trained = TrainedScenario.of(Scenario.SPLICED_SINGLE_LEAF);
        LightGbmModel model = trained.model();
        long oneLeafTrees =
                model.trees().stream().filter(tree -> tree.numLeaves() == 1).count();
        double[] row = {0.3, -1.2, 2, 0.5};

        double lightGbmBias = trained.reference().contributions(new double[][] {row})[0][4];

        assertThat(oneLeafTrees).isEqualTo(3);
        assertThat(Math.abs(TreeShap.of(model).expectedValue() - lightGbmBias)).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void rejectsAnOutputBufferOfTheWrongLength() {
        TreeShap shap = TreeShap.of(TrainedScenario.of(Scenario.NUMERIC).model());

        assertThatThrownBy(() -> shap.contributions(new double[6], new double[6]))
                .isInstanceOf(FeatureVectorException.class)
                .hasMessage("contribution output has 6 values, the model needs exactly 7");
    }
}
