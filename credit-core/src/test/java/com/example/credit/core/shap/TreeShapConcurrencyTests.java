package com.example.credit.core.shap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.core.model.ProbeRows;
import com.example.credit.core.model.Scenario;
import com.example.credit.core.model.TrainedScenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One TreeShap instance serves many threads at once with the results of a single thread. */
class TreeShapConcurrencyTests {

    @Test
    void givesEveryThreadTheSingleThreadedResults() throws Exception {
        TrainedScenario trained = TrainedScenario.of(Scenario.CATEGORICAL);
        TreeShap shap = TreeShap.of(trained.model());
        double[][] rows = ProbeRows.spread(ProbeRows.of(Scenario.CATEGORICAL, trained.model(), 200, 71L), 150);
        double[][] expected = new double[rows.length][];
        double[][][] expectedInteractions = new double[rows.length][][];
        for (int r = 0; r < rows.length; r++) {
            expected[r] = shap.contributions(rows[r]);
            expectedInteractions[r] = shap.interactions(rows[r]);
        }

        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<Integer>>> tasks = new ArrayList<>();
            for (int task = 0; task < 6; task++) {
                int offset = task * 37;
                tasks.add(() -> {
                    List<Integer> differing = new ArrayList<>();
                    double[] contributions = new double[shap.numFeatures() + 1];
                    double[][] interactions = new double[shap.numFeatures()][shap.numFeatures()];
                    for (int i = 0; i < rows.length; i++) {
                        // Each task walks the rows from a different start so that threads interleave rows.
                        int r = (i + offset) % rows.length;
                        shap.contributions(rows[r], contributions);
                        shap.interactions(rows[r], interactions);
                        if (!Arrays.equals(contributions, expected[r])
                                || !Arrays.deepEquals(interactions, expectedInteractions[r])) {
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
    void rejectsAWorkspaceOfAnotherInstance() {
        TreeShap shap = TreeShap.of(TrainedScenario.of(Scenario.NUMERIC).model());
        Workspace foreign =
                TreeShap.of(TrainedScenario.of(Scenario.NUMERIC).model()).newWorkspace();

        assertThatThrownBy(() -> shap.contributions(new double[6], new double[7], foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("belongs to another TreeShap instance");
    }
}
