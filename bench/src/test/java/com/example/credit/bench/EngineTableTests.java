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
    void rendersEveryMeasureOfAFullRun() {
        String text = new EngineTable(scores(10_000), List.of("m")).render();

        assertThat(text)
                .contains("SHAP, batch of 1000")
                .contains("5.00x")
                .contains("predict, single row")
                .contains("20.0x")
                .contains("150.0x")
                .contains("10.0x  (SHAP / interactions)");
    }

    @Test
    void leavesOutWhatAQuickRunDidNotMeasure() {
        List<Score> quick = new ArrayList<>(scores(10_000));
        quick.removeIf(score -> score.benchmark().equals("lightgbmShapBatch")
                || score.benchmark().startsWith("enginePredict")
                        && !score.benchmark().endsWith("Batch")
                || score.benchmark().startsWith("lightgbmPredict"));
        EngineTable table = new EngineTable(quick, List.of("m"));

        String text = table.render();

        assertThat(table.has("lightgbmShapBatch", "m")).isFalse();
        assertThat(text).doesNotContain("predict, single row").contains("SHAP, batch of 1000");
        assertThat(text.lines().filter(line -> line.contains("SHAP, batch of 1000")))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("10000").endsWith("-"));
        assertThat(text.lines().filter(line -> line.contains("SHAP cost / predict")))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("20.0x").endsWith("-"));
    }

    @Test
    void refusesToReportAMeasureTheRunDidNotTake() {
        EngineTable table = new EngineTable(scores(10_000), List.of("m", "other"));

        assertThatThrownBy(() -> table.rate("engineShap", "other"))
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
