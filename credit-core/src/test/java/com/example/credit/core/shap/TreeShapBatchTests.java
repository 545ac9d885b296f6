package com.example.credit.core.shap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.core.model.FeatureVectorException;
import com.example.credit.core.model.ProbeRows;
import com.example.credit.core.model.Scenario;
import com.example.credit.core.model.TrainedScenario;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Explaining rows in blocks gives every row the exact bits it gets alone, for every engine and block fill. */
class TreeShapBatchTests {

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void batchGivesEveryRowTheSameBitsAsExplainingItAlone(Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        TreeShap shap = TreeShap.of(trained.model());
        // Two full blocks of 128 and a partial one (probe rows add edge cases to the 300 sampled).
        double[][] rows = ProbeRows.of(scenario, trained.model(), 300, 211L + scenario.ordinal());
        double[][] batch = new double[rows.length][shap.numFeatures() + 1];

        shap.contributions(rows, batch);

        for (int r = 0; r < rows.length; r++) {
            assertThat(batch[r]).as("row %d", r).containsExactly(shap.contributions(rows[r]));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4, 5, 127, 128, 129, 260})
    void quadratureBlocksOfAnyFillEqualLightGbm(int count) {
        TrainedScenario trained = TrainedScenario.of(Scenario.WIDE_DEEP);
        TreeShap quadrature = TreeShap.of(trained.model(), TreeShap.Engine.QUADRATURE);
        // Probe rows start with sampled rows and add edge cases (values on thresholds, NaN, unseen categories).
        double[][] probes = ProbeRows.of(Scenario.WIDE_DEEP, trained.model(), 300, 300L + count);
        double[][] rows = Arrays.copyOfRange(probes, probes.length - count, probes.length);
        double[][] expected = trained.reference().contributions(rows);
        double[][] batch = new double[count][quadrature.numFeatures() + 1];

        quadrature.contributions(rows, batch);

        for (int r = 0; r < count; r++) {
            assertThat(batch[r]).as("row %d", r).containsExactly(quadrature.contributions(rows[r]));
            for (int f = 0; f < batch[r].length; f++) {
                assertThat(Math.abs(batch[r][f] - expected[r][f])).isLessThanOrEqualTo(1e-9);
            }
        }
    }

    @Test
    void batchOverwritesWhateverTheOutputsHeld() {
        TrainedScenario trained = TrainedScenario.of(Scenario.DEEP);
        TreeShap shap = TreeShap.of(trained.model());
        double[][] rows = ProbeRows.of(Scenario.DEEP, trained.model(), 20, 5L);
        double[][] batch = new double[rows.length][shap.numFeatures() + 1];
        for (double[] out : batch) {
            Arrays.fill(out, 123.0);
        }

        shap.contributions(rows, batch);

        assertThat(batch[19]).containsExactly(shap.contributions(rows[19]));
    }

    @Test
    void refusesOutputsThatDoNotMatchTheRows() {
        TrainedScenario trained = TrainedScenario.of(Scenario.NUMERIC);
        TreeShap shap = TreeShap.of(trained.model());
        // Three rows (the probe rows add edge cases after the three sampled).
        double[][] rows = Arrays.copyOf(ProbeRows.of(Scenario.NUMERIC, trained.model(), 3, 9L), 3);

        assertThatThrownBy(() -> shap.contributions(rows, new double[2][shap.numFeatures() + 1]))
                .isInstanceOf(FeatureVectorException.class)
                .hasMessage("contribution outputs has 2 values, the model needs exactly 3");
        assertThatThrownBy(() -> shap.contributions(rows, new double[3][shap.numFeatures()]))
                .isInstanceOf(FeatureVectorException.class)
                .hasMessage("contribution output has " + shap.numFeatures() + " values, the model needs exactly "
                        + (shap.numFeatures() + 1));
        assertThatThrownBy(() -> shap.contributions(new double[][] {rows[0], new double[1]}, new double[2][7]))
                .isInstanceOf(FeatureVectorException.class);
    }
}
