package com.example.credit.core.shap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.core.model.FeatureVectorException;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.model.ProbeRows;
import com.example.credit.core.model.Scenario;
import com.example.credit.core.model.TrainedScenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One instance serves many threads with the single-threaded bits; bad backgrounds and buffers fail with reasons. */
class InterventionalShapUsageTests {

    private static final Scenario SCENARIO = Scenario.CATEGORICAL;

    @Test
    void givesEveryThreadTheSingleThreadedResults() throws Exception {
        TrainedScenario trained = TrainedScenario.of(SCENARIO);
        InterventionalShap shap = InterventionalShap.of(trained.model(), background(30));
        double[][] rows = ProbeRows.spread(ProbeRows.of(SCENARIO, trained.model(), 100, 401L), 80);
        double[][] expected = new double[rows.length][];
        double[][] expectedProbability = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            expected[r] = shap.contributions(rows[r]);
            expectedProbability[r] = shap.probabilityContributions(rows[r]);
        }

        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<Integer>>> tasks = new ArrayList<>();
            for (int task = 0; task < 6; task++) {
                int offset = task * 17;
                tasks.add(() -> {
                    List<Integer> differing = new ArrayList<>();
                    double[] logOdds = new double[shap.numFeatures() + 1];
                    double[] probability = new double[shap.numFeatures() + 1];
                    for (int i = 0; i < rows.length; i++) {
                        int r = (i + offset) % rows.length;
                        shap.contributions(rows[r], logOdds);
                        shap.probabilityContributions(rows[r], probability);
                        if (!Arrays.equals(logOdds, expected[r])
                                || !Arrays.equals(probability, expectedProbability[r])) {
                            differing.add(r);
                        }
                    }
                    return differing;
                });
            }
            for (Future<List<Integer>> future : executor.invokeAll(tasks)) {
                assertThat(future.get()).as("rows explained differently").isEmpty();
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void explainsOnBothScalesInOnePassWithTheBitsOfEachAlone() {
        TrainedScenario trained = TrainedScenario.of(SCENARIO);
        InterventionalShap shap = InterventionalShap.of(trained.model(), background(20));
        InterventionalWorkspace workspace = shap.newWorkspace();
        double[] logOdds = new double[shap.numFeatures() + 1];
        double[] probability = new double[shap.numFeatures() + 1];

        for (double[] row : ProbeRows.spread(ProbeRows.of(SCENARIO, trained.model(), 50, 409L), 40)) {
            shap.explain(row, logOdds, probability, workspace);

            assertThat(logOdds).containsExactly(shap.contributions(row));
            assertThat(probability).containsExactly(shap.probabilityContributions(row));
        }
    }

    @Test
    void rejectsAnEmptyBackground() {
        LightGbmModel model = TrainedScenario.of(SCENARIO).model();

        assertThatThrownBy(() -> InterventionalShap.of(model, new double[0][]))
                .isInstanceOf(BackgroundDataException.class)
                .hasMessage("the background has 0 rows, interventional TreeSHAP needs at least one row to explain"
                        + " against");
    }

    @Test
    void rejectsABackgroundRowOfTheWrongLength() {
        LightGbmModel model = TrainedScenario.of(SCENARIO).model();
        double[][] background = {new double[6], new double[5]};

        assertThatThrownBy(() -> InterventionalShap.of(model, background))
                .isInstanceOf(FeatureVectorException.class)
                .hasMessage("background row 1 has 5 values, the model needs exactly 6");
    }

    @Test
    void rejectsARowOrAnOutputOfTheWrongLength() {
        InterventionalShap shap =
                InterventionalShap.of(TrainedScenario.of(SCENARIO).model(), background(3));

        assertThatThrownBy(() -> shap.contributions(new double[5]))
                .isInstanceOf(FeatureVectorException.class)
                .hasMessage("row has 5 values, the model needs exactly 6");
        assertThatThrownBy(() -> shap.probabilityContributions(new double[6], new double[6]))
                .isInstanceOf(FeatureVectorException.class)
                .hasMessage("probability contribution output has 6 values, the model needs exactly 7");
    }

    @Test
    void rejectsAWorkspaceOfAnotherInstance() {
        LightGbmModel model = TrainedScenario.of(SCENARIO).model();
        InterventionalShap shap = InterventionalShap.of(model, background(3));
        InterventionalWorkspace foreign =
                InterventionalShap.of(model, background(3)).newWorkspace();

        assertThatThrownBy(() -> shap.contributions(new double[6], new double[7], foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("belongs to another InterventionalShap instance");
    }

    @Test
    void doesNotKeepTheBackgroundArraysItWasGiven() {
        TrainedScenario trained = TrainedScenario.of(SCENARIO);
        double[][] background = background(10);
        InterventionalShap shap = InterventionalShap.of(trained.model(), background);
        double[] row = ProbeRows.of(SCENARIO, trained.model(), 5, 419L)[2];
        double[] before = shap.contributions(row);

        for (double[] b : background) {
            Arrays.fill(b, Double.NaN);
        }

        assertThat(shap.contributions(row)).containsExactly(before);
    }

    private static double[][] background(int rows) {
        return SCENARIO.sampleRows(rows, new SplittableRandom(rows));
    }
}
