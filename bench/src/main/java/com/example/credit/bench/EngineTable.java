package com.example.credit.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The engine report: JMH figures of the engine and LightGBM side by side per model and the ratios between them. A
 * quick run measures fewer benchmarks: rows it did not measure are left out. The targets are printed by
 * {@link EngineTargets}.
 */
public final class EngineTable {

    private final Map<String, Score> scores = new HashMap<>();
    private final List<String> models;

    /** A table of the given scores, one block per model in {@code models} order. */
    public EngineTable(List<Score> scores, List<String> models) {
        for (Score score : scores) {
            this.scores.put(score.benchmark() + "@" + score.model(), score);
        }
        this.models = List.copyOf(models);
    }

    /** Whether the run measured one benchmark on one model. */
    public boolean has(String benchmark, String model) {
        return scores.containsKey(benchmark + "@" + model);
    }

    /** Rows per second of one benchmark on one model. */
    public double rate(String benchmark, String model) {
        Score score = scores.get(benchmark + "@" + model);
        if (score == null) {
            throw new BenchException("no result for " + benchmark + " on " + model + ", the run must measure it");
        }
        return score.rowsPerSecond();
    }

    /** The engine's SHAP throughput over LightGBM's, single rows ({@code batch} false) or batches. */
    public double speedup(String model, boolean batch) {
        String suffix = batch ? "Batch" : "";
        return rate("engineShap" + suffix, model) / rate("lightgbmShap" + suffix, model);
    }

    /** How many predictions one SHAP explanation costs, for {@code engine} or {@code lightgbm}, in batches. */
    public double shapCost(String engine, String model) {
        return rate(engine + "PredictBatch", model) / rate(engine + "ShapBatch", model);
    }

    /** How many SHAP explanations one row of interaction values costs in the engine (single rows). */
    public double interactionCost(String model) {
        return rate("engineShap", model) / rate("engineInteractions", model);
    }

    /** The report as fixed-width text. */
    public String render() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT,
                "%-12s %-22s %14s %14s %9s%n",
                "model",
                "measure (rows/s)",
                "engine",
                "LightGBM",
                "ratio"));
        for (String model : models) {
            row(text, model, "SHAP, single row", "engineShap", "lightgbmShap");
            row(text, model, "SHAP, batch of 1000", "engineShapBatch", "lightgbmShapBatch");
            row(text, model, "predict, single row", "enginePredict", "lightgbmPredict");
            row(text, model, "predict, batch of 1000", "enginePredictBatch", "lightgbmPredictBatch");
            if (has("enginePredictBatch", model) && has("engineShapBatch", model)) {
                text.append(String.format(
                        Locale.ROOT,
                        "%-12s %-22s %14.1fx %14s%n",
                        model,
                        "SHAP cost / predict",
                        shapCost("engine", model),
                        has("lightgbmPredictBatch", model) && has("lightgbmShapBatch", model)
                                ? String.format(Locale.ROOT, "%.1fx", shapCost("lightgbm", model))
                                : "-"));
            }
            if (has("engineShap", model) && has("engineInteractions", model)) {
                text.append(String.format(
                        Locale.ROOT,
                        "%-12s %-22s %14.0f %14s %8.1fx  (SHAP / interactions)%n",
                        model,
                        "interactions, single",
                        rate("engineInteractions", model),
                        "-",
                        interactionCost(model)));
            }
        }
        return text.toString();
    }

    /** One measure of both engines; a measure the run did not take on either side shows as {@code -}. */
    private void row(StringBuilder text, String model, String measure, String engine, String lightgbm) {
        if (!has(engine, model) && !has(lightgbm, model)) {
            return;
        }
        String ours = has(engine, model) ? String.format(Locale.ROOT, "%.0f", rate(engine, model)) : "-";
        String theirs = has(lightgbm, model) ? String.format(Locale.ROOT, "%.0f", rate(lightgbm, model)) : "-";
        String ratio = has(engine, model) && has(lightgbm, model)
                ? String.format(Locale.ROOT, "%.2fx", rate(engine, model) / rate(lightgbm, model))
                : "-";
        text.append(String.format(Locale.ROOT, "%-12s %-22s %14s %14s %9s%n", model, measure, ours, theirs, ratio));
    }

    static String verdict(boolean reached) {
        return reached ? "REACHED" : "MISSED";
    }
}
