package com.example.credit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineTableTests {

    private static List<Score> scores(double engineShapBatch) {
        List<Score> scores = new ArrayList<>();
        scores.add(new Score("engineShap", "m", 9_000, 1));
        scores.add(new Score("lightgbmShap", "m", 1_000, 1));
        scores.add(new Score("engineShapBatch", "m", engineShapBatch, 1));
        scores.add(new Score("lightgbmShapBatch", "m", 2_000, 1));
        scores.add(new Score("enginePredict", "m", 100_000, 1));
        scores.add(new Score("lightgbmPredict", "m", 50_000, 1));
        scores.add(new Score("enginePredictBatch", "m", 200_000, 1));
        scores.add(new Score("lightgbmPredictBatch", "m", 300_000, 1));
        scores.add(new Score("engineInteractions", "m", 900, 1));
        return scores;
    }

    @Test
    void dividesTheEngineByLightGbmOnTheSameModel() {
        EngineTable table = new EngineTable(scores(10_000), List.of("m"));

        assertThat(table.speedup("m", false)).isEqualTo(9.0);
        assertThat(table.speedup("m", true)).isEqualTo(5.0);
        assertThat(table.shapCost("engine", "m")).isEqualTo(20.0);
        assertThat(table.shapCost("lightgbm", "m")).isEqualTo(150.0);
        assertThat(table.interactionCost("m")).isEqualTo(10.0);
    }

    @Test
    void marksEachTargetReachedOrMissed() {
        String reached = new EngineTable(scores(10_000), List.of("m")).render();
        String missed = new EngineTable(scores(4_000), List.of("m")).render();

        assertThat(reached).contains("batch 5.0x REACHED").contains("SHAP cost <= 30x: 20.0x REACHED");
        assertThat(missed).contains("batch 2.0x MISSED").contains("SHAP cost <= 30x: 50.0x MISSED");
    }

    @Test
    void refusesToReportAMeasureTheRunDidNotTake() {
        EngineTable table = new EngineTable(scores(10_000), List.of("m", "other"));

        assertThatThrownBy(table::render)
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("no result for engineShap on other");
    }

    @Test
    void rejectsANonPositiveScore() {
        assertThatThrownBy(() -> new Score("engineShap", "m", 0, 0))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("must be positive");
    }
}
