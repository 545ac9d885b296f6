package com.example.credit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EngineTargetsTests {

    /** Engine one row 6000, LightGBM 1000; batch 12000 vs 1000; predict 120000; interactions 500 vs SHAP 2000. */
    private static CpuTimeCheck.Rates rates(String model) {
        return new CpuTimeCheck.Rates(model, 1000, 3, 6000, 1000, 12_000, 1000, 120_000, 60_000, 100, 2000, 500);
    }

    @Test
    void judgesByCpuTimeAndShowsJmhBesideIt() {
        EngineTable jmh = new EngineTable(
                List.of(
                        new Score("engineShap", "credit", 4000, 1),
                        new Score("lightgbmShap", "credit", 1000, 1),
                        new Score("engineShapBatch", "credit", 9000, 1),
                        new Score("lightgbmShapBatch", "credit", 1000, 1)),
                List.of("credit"));

        List<String> lines = EngineTargets.lines(List.of(rates("credit")), jmh);

        assertThat(lines)
                .containsExactly(
                        "target shap-one-row-vs-lightgbm/credit: 6.00x (goal >= 5.00x) reached"
                                + " [by CPU time; JMH wall-clock 4.00x]",
                        "target shap-batch-vs-lightgbm/credit: 12.00x (goal >= 10.00x) reached"
                                + " [by CPU time, batch of 1000; JMH wall-clock 9.00x]",
                        "target interactions-cost-over-shap/credit: 4.00x (goal <= 6.00x) reached"
                                + " [by CPU time, 100 rows; JMH wall-clock: not run]");
    }

    @Test
    void setsTheShapCostTargetOnTheLargestModelOnly() {
        List<String> lines = EngineTargets.lines(List.of(rates("credit"), rates("trees500x63")), null);

        assertThat(lines)
                .filteredOn(line -> line.startsWith("target shap-cost-over-predict-batch"))
                .containsExactly("target shap-cost-over-predict-batch/trees500x63: 10.00x (goal <= 20.00x) reached"
                        + " [by CPU time, batch of 1000; JMH wall-clock: not run]");
        assertThat(lines).hasSize(7);
    }

    @Test
    void missesATargetTheCpuTimeMisses() {
        CpuTimeCheck.Rates slow =
                new CpuTimeCheck.Rates("m", 1000, 1, 3000, 1000, 9000, 1000, 300_000, 150_000, 10, 2000, 100);

        assertThat(EngineTargets.lines(List.of(slow), null))
                .containsExactly(
                        "target shap-one-row-vs-lightgbm/m: 3.00x (goal >= 5.00x) missed"
                                + " [by CPU time; JMH wall-clock: not run]",
                        "target shap-batch-vs-lightgbm/m: 9.00x (goal >= 10.00x) missed"
                                + " [by CPU time, batch of 1000; JMH wall-clock: not run]",
                        "target interactions-cost-over-shap/m: 20.00x (goal <= 6.00x) missed"
                                + " [by CPU time, 10 rows; JMH wall-clock: not run]");
    }
}
