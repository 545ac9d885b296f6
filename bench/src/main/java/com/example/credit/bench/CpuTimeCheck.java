package com.example.credit.bench;

import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.shap.TreeShap;
import com.example.credit.core.shap.Workspace;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * A load-independent cross-check of the JMH figures: the engine and LightGBM explain the same rows in alternation
 * on one thread, one row per call and in one batch, and each is charged the CPU time of that thread (LightGBM with
 * {@code num_threads=1} computes on the calling thread). On a machine shared with other builds, wall-clock
 * throughput moves with the load while CPU time per row barely does, so these ratios are the steadier ones. The
 * same thread also times the engine's plain prediction of the batch (for the SHAP cost) and its interaction values
 * of the first {@code interactionRows} rows next to its SHAP values of the same rows (for the interaction cost).
 */
public final class CpuTimeCheck {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** LightGBM rows explained in the warm-up (native code: nothing to compile, only caches to fill). */
    private static final int LIGHTGBM_WARMUP_ROWS = 10;

    /** Rows of each turn when the engine and LightGBM alternate one row per call. */
    private static final int ONE_ROW_CHUNK = 50;

    /** Rows of each turn when SHAP values and interaction values alternate. */
    private static final int INTERACTION_CHUNK = 5;

    private final PrintStream out;

    /** A check printing to {@code out}. */
    public CpuTimeCheck(PrintStream out) {
        this.out = out;
    }

    /**
     * Rows per CPU-second of one model, each measure over {@code rows} rows ({@code interactionRows} for the
     * interaction pair).
     *
     * @param model the model name
     * @param rows the rows of every measure but the interaction pair
     * @param rounds the rounds counted
     * @param engineOneRow engine SHAP, one row per call
     * @param lightgbmOneRow LightGBM SHAP, one row per call
     * @param engineBatch engine SHAP, the batch method on all rows
     * @param lightgbmBatch LightGBM SHAP, one call on all rows
     * @param enginePredictBatch engine raw scores, the batch method on all rows
     * @param enginePredictRowByRow engine raw scores, one row per call
     * @param interactionRows the rows of the interaction pair (the first ones)
     * @param engineShapOfInteractionRows engine SHAP, one row per call, on the interaction rows
     * @param engineInteractions engine SHAP interaction values, one row per call, on the interaction rows
     */
    public record Rates(
            String model,
            int rows,
            int rounds,
            double engineOneRow,
            double lightgbmOneRow,
            double engineBatch,
            double lightgbmBatch,
            double enginePredictBatch,
            double enginePredictRowByRow,
            int interactionRows,
            double engineShapOfInteractionRows,
            double engineInteractions) {

        /** Engine over LightGBM, one row per call. */
        public double oneRowSpeedup() {
            return engineOneRow / lightgbmOneRow;
        }

        /** Engine over LightGBM, one batch call. */
        public double batchSpeedup() {
            return engineBatch / lightgbmBatch;
        }

        /** How many predictions one SHAP explanation costs the engine, in batches. */
        public double shapCost() {
            return enginePredictBatch / engineBatch;
        }

        /** How many SHAP explanations one row of interaction values costs the engine, one row per call. */
        public double interactionCost() {
            return engineShapOfInteractionRows / engineInteractions;
        }
    }

    /**
     * Measures every pass {@code rounds} times, in alternation on this thread, after a warm-up of {@code warmUp}
     * CPU time per engine pass, and prints rows per CPU-second of each and the ratios.
     */
    public Rates run(String name, String modelText, double[][] rows, int rounds, int interactionRows, Duration warmUp) {
        if (rounds < 1 || interactionRows < 1) {
            throw new BenchException(
                    name + ": " + rounds + " rounds and " + interactionRows + " interaction rows must be at least 1");
        }
        LightGbmModel model = LightGbmModel.parse(modelText);
        TreeShap shap = TreeShap.of(model);
        Workspace workspace = shap.newWorkspace();
        int n = model.numFeatures();
        double[] flat = new double[rows.length * n];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * n, n);
        }
        double[] warmUpFlat = Arrays.copyOf(flat, Math.min(LIGHTGBM_WARMUP_ROWS, rows.length) * n);
        int warmUpRows = Math.min(LIGHTGBM_WARMUP_ROWS, rows.length);
        double[][] interactionSample = Arrays.copyOf(rows, Math.min(interactionRows, rows.length));
        double[][] batchOut = new double[rows.length][n + 1];
        double[] rowOut = new double[n + 1];
        double[][] interactions = new double[n][n];
        double[] rawOut = new double[rows.length];
        double[] sink = new double[1];
        long[] nanos = new long[8];
        try (Booster booster = Booster.load(modelText, n)) {
            // The passes over rows from..to: 0 engine one row, 1 LightGBM one row, 2 engine batch (all rows, one
            // call), 3 LightGBM batch (one call), 4 engine predict (batch method), 5 engine SHAP of the interaction
            // rows, 6 engine interactions, 7 engine predict one row per call.
            RowPass[] passes = {
                (from, to) -> {
                    for (int r = from; r < to; r++) {
                        shap.contributions(rows[r], rowOut, workspace);
                        sink[0] += rowOut[n];
                    }
                },
                (from, to) -> {
                    for (int r = from; r < to; r++) {
                        sink[0] += booster.contributions(rows[r], 1)[n];
                    }
                },
                (from, to) -> {
                    shap.contributions(rows, batchOut, workspace);
                    sink[0] += batchOut[rows.length - 1][n];
                },
                (from, to) -> sink[0] += booster.contributions(flat, rows.length)[n],
                (from, to) -> {
                    model.predictRaw(rows, rawOut);
                    sink[0] += rawOut[rows.length - 1];
                },
                (from, to) -> {
                    for (int r = from; r < to; r++) {
                        shap.contributions(interactionSample[r], rowOut, workspace);
                        sink[0] += rowOut[0];
                    }
                },
                (from, to) -> {
                    for (int r = from; r < to; r++) {
                        shap.interactions(interactionSample[r], interactions, workspace);
                        sink[0] += interactions[0][0];
                    }
                },
                (from, to) -> {
                    for (int r = from; r < to; r++) {
                        sink[0] += model.predictRaw(rows[r]);
                    }
                }
            };
            // Warm-up, not counted: each engine pass again and again until it has run warmUp of CPU time (the JIT
            // must have compiled it, however cheap one pass is); LightGBM (native code: nothing to compile, only
            // caches to fill) on a few rows.
            passes[1].run(0, warmUpRows);
            sink[0] += booster.contributions(warmUpFlat, warmUpRows)[n];
            for (int p : new int[] {0, 2, 4, 5, 6, 7}) {
                int to = p == 5 || p == 6 ? interactionSample.length : rows.length;
                long start = THREADS.getCurrentThreadCpuTime();
                do {
                    passes[p].run(0, to);
                } while (THREADS.getCurrentThreadCpuTime() - start < warmUp.toNanos());
            }
            for (int round = 0; round < rounds; round++) {
                // The one-row pairs alternate in small chunks of rows, so that a change of the machine's load
                // during a long pass charges both sides alike.
                alternate(passes[0], passes[1], rows.length, ONE_ROW_CHUNK, nanos, 0);
                time(passes[2], rows.length, nanos, 2);
                time(passes[3], rows.length, nanos, 3);
                time(passes[4], rows.length, nanos, 4);
                time(passes[7], rows.length, nanos, 7);
                alternate(passes[5], passes[6], interactionSample.length, INTERACTION_CHUNK, nanos, 5);
            }
        }
        double all = (double) rounds * rows.length;
        double some = (double) rounds * interactionSample.length;
        Rates rates = new Rates(
                name,
                rows.length,
                rounds,
                perCpuSecond(all, nanos[0]),
                perCpuSecond(all, nanos[1]),
                perCpuSecond(all, nanos[2]),
                perCpuSecond(all, nanos[3]),
                perCpuSecond(all, nanos[4]),
                perCpuSecond(all, nanos[7]),
                interactionSample.length,
                perCpuSecond(some, nanos[5]),
                perCpuSecond(some, nanos[6]));
        this.out.printf(
                Locale.ROOT,
                "cpu-time: %-12s SHAP rows per CPU-second, %d rows x %d rounds: one row per call engine %.0f,"
                        + " LightGBM %.0f, ratio %.2fx; batch engine %.0f, LightGBM %.0f, ratio %.2fx%n",
                name,
                rows.length,
                rounds,
                rates.engineOneRow(),
                rates.lightgbmOneRow(),
                rates.oneRowSpeedup(),
                rates.engineBatch(),
                rates.lightgbmBatch(),
                rates.batchSpeedup());
        this.out.printf(
                Locale.ROOT,
                "cpu-time: %-12s engine predict (batch) %.0f rows/CPU-s (one row per call %.0f, %.2fx), SHAP cost"
                        + " %.1fx; interactions %.1f rows/CPU-s vs SHAP %.0f on the first %d rows, cost %.1fx"
                        + " (checksum %.3f)%n",
                name,
                rates.enginePredictBatch(),
                rates.enginePredictRowByRow(),
                rates.enginePredictBatch() / rates.enginePredictRowByRow(),
                rates.shapCost(),
                rates.engineInteractions(),
                rates.engineShapOfInteractionRows(),
                interactionSample.length,
                rates.interactionCost(),
                sink[0]);
        return rates;
    }

    /** A pass over the rows {@code from} (inclusive) to {@code to} (exclusive). */
    private interface RowPass {
        void run(int from, int to);
    }

    /** Runs {@code pass} over all {@code rows} and adds its CPU time to {@code nanos[slot]}. */
    private static void time(RowPass pass, int rows, long[] nanos, int slot) {
        long start = THREADS.getCurrentThreadCpuTime();
        pass.run(0, rows);
        nanos[slot] += THREADS.getCurrentThreadCpuTime() - start;
    }

    /**
     * Runs {@code first} and {@code second} over the same chunks of {@code chunk} rows in turn and adds their CPU
     * times to {@code nanos[slot]} and {@code nanos[slot + 1]}.
     */
    private static void alternate(RowPass first, RowPass second, int rows, int chunk, long[] nanos, int slot) {
        for (int from = 0; from < rows; from += chunk) {
            int to = Math.min(rows, from + chunk);
            long start = THREADS.getCurrentThreadCpuTime();
            first.run(from, to);
            long middle = THREADS.getCurrentThreadCpuTime();
            second.run(from, to);
            long end = THREADS.getCurrentThreadCpuTime();
            nanos[slot] += middle - start;
            nanos[slot + 1] += end - middle;
        }
    }

    private static double perCpuSecond(double rows, long nanos) {
        // A pass too short for the thread clock's resolution counts as one nanosecond, not as a division by zero.
        return rows / (Math.max(1, nanos) / 1e9);
    }
}
