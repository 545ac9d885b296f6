package com.example.credit.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The engine report: figures of the engine and LightGBM side by side per model, the ratios between them, and
 * whether each target of the performance issue is reached.
 */
public final class EngineTable {

    /** The engine must compute SHAP values at least this many times as fast as LightGBM. */
    public static final double SPEEDUP_TARGET = 3.0;

    /** SHAP values may cost at most this many predictions. */
    public static final double SHAP_COST_TARGET = 30.0;

    private final Map<String, Score> scores = new HashMap<>();
    private final List<String> models;

    /** A table of the given scores, one block per model in {@code models} order. */
    public EngineTable(List<Score> scores, List<String> models) {
        for (Score score : scores) {
            this.scores.put(score.benchmark() + "@" + score.model(), score);
        }
        this.models = List.copyOf(models);
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
            text.append(String.format(
                    Locale.ROOT,
                    "%-12s %-22s %14.1fx %13.1fx%n",
                    model,
                    "SHAP cost / predict",
                    shapCost("engine", model),
                    shapCost("lightgbm", model)));
            text.append(String.format(
                    Locale.ROOT,
                    "%-12s %-22s %14.0f %14s %8.1fx  (SHAP / interactions)%n",
                    model,
                    "interactions, single",
                    rate("engineInteractions", model),
                    "-",
                    interactionCost(model)));
        }
        text.append(String.format(Locale.ROOT, "%ntargets%n"));
        for (String model : models) {
            double single = speedup(model, false);
            double batch = speedup(model, true);
            double cost = shapCost("engine", model);
            text.append(String.format(
                    Locale.ROOT,
                    "%-12s SHAP vs LightGBM >= %.0fx: single %.1fx %s, batch %.1fx %s;"
                            + " SHAP cost <= %.0fx: %.1fx %s%n",
                    model,
                    SPEEDUP_TARGET,
                    single,
                    verdict(single >= SPEEDUP_TARGET),
                    batch,
                    verdict(batch >= SPEEDUP_TARGET),
                    SHAP_COST_TARGET,
                    cost,
                    verdict(cost <= SHAP_COST_TARGET)));
        }
        return text.toString();
    }

    private void row(StringBuilder text, String model, String measure, String engine, String lightgbm) {
        double ours = rate(engine, model);
        double theirs = rate(lightgbm, model);
        text.append(String.format(
                Locale.ROOT, "%-12s %-22s %14.0f %14.0f %8.2fx%n", model, measure, ours, theirs, ours / theirs));
    }

    static String verdict(boolean reached) {
        return reached ? "REACHED" : "MISSED";
    }
}
