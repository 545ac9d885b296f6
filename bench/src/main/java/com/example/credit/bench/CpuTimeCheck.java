package com.example.credit.bench;

import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.shap.TreeShap;
import com.example.credit.core.shap.Workspace;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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

    /** LightGBM rows explained in the warm-up round (native code: nothing to compile, only caches to fill). */
    private static final int LIGHTGBM_WARMUP_ROWS = 10;

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
     * @param enginePredictBatch engine raw score of every row
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
     * Measures every pass {@code rounds} times after one warm-up round, in alternation on this thread, and prints
     * rows per CPU-second of each and the ratios.
     */
    public Rates run(String name, String modelText, double[][] rows, int rounds, int interactionRows) {
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
        double[][] interactionSample = Arrays.copyOf(rows, Math.min(interactionRows, rows.length));
        double[][] batchOut = new double[rows.length][n + 1];
        double[] rowOut = new double[n + 1];
        double[][] interactions = new double[n][n];
        // CPU nanoseconds of each pass: 0 engine one row, 1 LightGBM one row, 2 engine batch, 3 LightGBM batch,
        // 4 engine predict, 5 engine SHAP of the interaction rows, 6 engine interactions.
        long[] nanos = new long[7];
        double sink = 0;
        try (Booster booster = Booster.load(modelText, n)) {
            for (int round = 0; round <= rounds; round++) {
                // Round 0 warms up the JIT (every engine pass in full) and LightGBM's caches (a few rows); it is
                // not counted.
                boolean warmUp = round == 0;
                int lightgbmRows = warmUp ? Math.min(LIGHTGBM_WARMUP_ROWS, rows.length) : rows.length;
                long[] mark = new long[8];
                mark[0] = THREADS.getCurrentThreadCpuTime();
                for (double[] row : rows) {
                    shap.contributions(row, rowOut, workspace);
                    sink += rowOut[n];
                }
                mark[1] = THREADS.getCurrentThreadCpuTime();
                for (int r = 0; r < lightgbmRows; r++) {
                    sink += booster.contributions(rows[r], 1)[n];
                }
                mark[2] = THREADS.getCurrentThreadCpuTime();
                shap.contributions(rows, batchOut, workspace);
                sink += batchOut[rows.length - 1][n];
                mark[3] = THREADS.getCurrentThreadCpuTime();
                sink += booster.contributions(warmUp ? warmUpFlat : flat, lightgbmRows)[n];
                mark[4] = THREADS.getCurrentThreadCpuTime();
                for (double[] row : rows) {
                    sink += model.predictRaw(row);
                }
                mark[5] = THREADS.getCurrentThreadCpuTime();
                for (double[] row : interactionSample) {
                    shap.contributions(row, rowOut, workspace);
                    sink += rowOut[0];
                }
                mark[6] = THREADS.getCurrentThreadCpuTime();
                for (double[] row : interactionSample) {
                    shap.interactions(row, interactions, workspace);
                    sink += interactions[0][0];
                }
                mark[7] = THREADS.getCurrentThreadCpuTime();
                if (!warmUp) {
                    for (int p = 0; p < nanos.length; p++) {
                        nanos[p] += mark[p + 1] - mark[p];
                    }
                }
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
                "cpu-time: %-12s engine predict (batch) %.0f rows/CPU-s, SHAP cost %.1fx; interactions %.1f rows/CPU-s"
                        + " vs SHAP %.0f on the first %d rows, cost %.1fx (checksum %.3f)%n",
                name,
                rates.enginePredictBatch(),
                rates.shapCost(),
                rates.engineInteractions(),
                rates.engineShapOfInteractionRows(),
                interactionSample.length,
                rates.interactionCost(),
                sink);
        return rates;
    }

    private static double perCpuSecond(double rows, long nanos) {
        // A pass too short for the thread clock's resolution counts as one nanosecond, not as a division by zero.
        return rows / (Math.max(1, nanos) / 1e9);
    }
}
