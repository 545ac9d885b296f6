package com.example.credit.bench;

import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.shap.TreeShap;
import com.example.credit.core.shap.Workspace;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * A load-independent cross-check of the JMH figures: the engine and LightGBM explain the same batch in
 * alternation on one thread, and each is charged the CPU time of that thread (LightGBM with
 * {@code num_threads=1} computes on the calling thread). On a machine shared with other builds, wall-clock
 * throughput moves with the load while CPU time per row barely does, so this ratio is the steadier one.
 */
public final class CpuTimeCheck {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final PrintStream out;

    /** A check printing to {@code out}. */
    public CpuTimeCheck(PrintStream out) {
        this.out = out;
    }

    /**
     * Explains {@code rows} {@code rounds} times with each engine after one warm-up round, and prints rows per
     * CPU-second of each and their ratio.
     */
    public double run(String name, String modelText, double[][] rows, int rounds) {
        LightGbmModel model = LightGbmModel.parse(modelText);
        TreeShap shap = TreeShap.of(model);
        Workspace workspace = shap.newWorkspace();
        int n = model.numFeatures();
        double[] flat = new double[rows.length * n];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * n, n);
        }
        double[][] out = new double[rows.length][n + 1];
        long engineNanos = 0;
        long lightgbmNanos = 0;
        double sink = 0;
        try (Booster booster = Booster.load(modelText, n)) {
            for (int round = 0; round <= rounds; round++) {
                long start = THREADS.getCurrentThreadCpuTime();
                shap.contributions(rows, out, workspace);
                sink += out[rows.length - 1][n];
                long middle = THREADS.getCurrentThreadCpuTime();
                sink += booster.contributions(flat, rows.length)[n];
                long end = THREADS.getCurrentThreadCpuTime();
                // Round 0 warms up the JIT and LightGBM's caches; it is not counted.
                if (round > 0) {
                    engineNanos += middle - start;
                    lightgbmNanos += end - middle;
                }
            }
        }
        double engine = rounds * rows.length / (engineNanos / 1e9);
        double lightgbm = rounds * rows.length / (lightgbmNanos / 1e9);
        this.out.printf(
                Locale.ROOT,
                "cpu-time: %-12s SHAP rows per CPU-second, batch of %d x %d rounds: engine %.0f, LightGBM %.0f,"
                        + " ratio %.2fx (checksum %.3f)%n",
                name,
                rows.length,
                rounds,
                engine,
                lightgbm,
                engine / lightgbm,
                sink);
        return engine / lightgbm;
    }
}
