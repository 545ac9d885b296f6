package com.example.credit.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engine's target lines of issue 19, from the CPU-time check of each model (the verdict: the engines alternate
 * on one thread, which the machine's load barely moves) with JMH's wall-clock figure beside it when the run took
 * one (one-row wall-clock figures of the larger models carry wide error bars on a shared machine).
 */
public final class EngineTargets {

    /** The model the SHAP-cost target is set on. */
    public static final String SHAP_COST_MODEL = SyntheticModel.TREES_500_LEAVES_63.name();

    private EngineTargets() {}

    /**
     * The target lines of every model measured by the CPU-time check.
     *
     * @param cpu the CPU-time rates, in report order
     * @param jmh the JMH table of the same run, or null when JMH did not run
     */
    public static List<String> lines(List<CpuTimeCheck.Rates> cpu, EngineTable jmh) {
        List<String> lines = new ArrayList<>();
        for (CpuTimeCheck.Rates rates : cpu) {
            String model = rates.model();
            lines.add(Targets.SHAP_ONE_ROW
                    .forModel(model)
                    .line(rates.oneRowSpeedup(), note(jmh, model, "engineShap", "lightgbmShap", "by CPU time")));
        }
        for (CpuTimeCheck.Rates rates : cpu) {
            String model = rates.model();
            lines.add(Targets.SHAP_BATCH
                    .forModel(model)
                    .line(
                            rates.batchSpeedup(),
                            note(
                                    jmh,
                                    model,
                                    "engineShapBatch",
                                    "lightgbmShapBatch",
                                    "by CPU time, batch of " + rates.rows())));
        }
        for (CpuTimeCheck.Rates rates : cpu) {
            if (rates.model().equals(SHAP_COST_MODEL)) {
                lines.add(Targets.SHAP_COST
                        .forModel(rates.model())
                        .line(
                                rates.shapCost(),
                                note(
                                        jmh,
                                        rates.model(),
                                        "enginePredictBatch",
                                        "engineShapBatch",
                                        "by CPU time, batch of " + rates.rows())));
            }
        }
        for (CpuTimeCheck.Rates rates : cpu) {
            lines.add(Targets.INTERACTION_COST
                    .forModel(rates.model())
                    .line(
                            rates.interactionCost(),
                            note(
                                    jmh,
                                    rates.model(),
                                    "engineShap",
                                    "engineInteractions",
                                    "by CPU time, " + rates.interactionRows() + " rows")));
        }
        return lines;
    }

    /**
     * {@code <how>; JMH wall-clock 4.10x}, or {@code <how>; JMH wall-clock: not run} when the table lacks either
     * measure.
     */
    static String note(EngineTable jmh, String model, String numerator, String denominator, String how) {
        if (jmh == null || !jmh.has(numerator, model) || !jmh.has(denominator, model)) {
            return how + "; JMH wall-clock: not run";
        }
        return String.format(
                Locale.ROOT,
                "%s; JMH wall-clock %s",
                how,
                Targets.format(Targets.Unit.TIMES, jmh.rate(numerator, model) / jmh.rate(denominator, model)));
    }
}
