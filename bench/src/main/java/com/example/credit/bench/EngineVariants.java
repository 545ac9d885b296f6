package com.example.credit.bench;

import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.shap.TreeShap;
import com.example.credit.core.shap.Workspace;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The engines of {@link TreeShap.Engine} side by side on each benchmark model, one row at a time and through the
 * batch method, each charged the CPU time of the one thread that runs them all in alternation (so the load of the
 * machine moves them together). Shows why the default is what it is.
 */
public final class EngineVariants {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    // The CPU time each measurement of a round repeats its pass for, at least: 1 s to warm up, then 0.25 s.
    private static final long WARM_UP_NANOS = 1_000_000_000L;
    private static final long MEASURE_NANOS = 250_000_000L;

    private final PrintStream out;

    public EngineVariants(PrintStream out) {
        this.out = out;
    }

    /** Runs every engine on every model of the work folder for {@code rounds} rounds after one warm-up round. */
    public void run(Path work, int rounds) {
        out.println();
        out.println("== engines: SHAP rows per CPU-second, one thread, one row per call / batch method (1000 rows) ==");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-12s", "model"));
        for (TreeShap.Engine engine : TreeShap.Engine.values()) {
            header.append(String.format(Locale.ROOT, " %21s", engine.name().toLowerCase(Locale.ROOT)));
        }
        out.println(header);
        for (String name : BenchFiles.MODELS) {
            Path dir = BenchFiles.modelDir(work, name);
            if (!Files.exists(dir.resolve("model.txt"))) {
                throw new BenchException("no model " + name + " in " + work + ": run the setup stage first");
            }
            LightGbmModel model = LightGbmModel.read(dir.resolve("model.txt"));
            double[][] rows = BenchFiles.readRows(dir.resolve("rows.txt"));
            // The deep model takes a third of the rounds, as in the cpu-time check.
            int modelRounds = name.equals(SyntheticModel.TREES_500_LEAVES_63.name()) ? Math.max(1, rounds / 3) : rounds;
            out.println(line(name, model, rows, modelRounds));
        }
    }

    private static String line(String name, LightGbmModel model, double[][] rows, int rounds) {
        TreeShap.Engine[] engines = TreeShap.Engine.values();
        TreeShap[] shaps = new TreeShap[engines.length];
        Workspace[] workspaces = new Workspace[engines.length];
        for (int e = 0; e < engines.length; e++) {
            shaps[e] = TreeShap.of(model, engines[e]);
            workspaces[e] = shaps[e].newWorkspace();
        }
        double[][] out = new double[rows.length][model.numFeatures() + 1];
        long[] singleRows = new long[engines.length];
        long[] singleNanos = new long[engines.length];
        long[] batchRows = new long[engines.length];
        long[] batchNanos = new long[engines.length];
        double sink = 0;
        for (int round = 0; round <= rounds; round++) {
            // Round 0 warms up the JIT and is not counted. A pass over the rows of the credit model takes about a
            // millisecond, far too short to compile anything: each measurement repeats its pass until it has run
            // for a minimum of CPU time (longer in the warm-up), so every engine is measured compiled.
            long minimum = round == 0 ? WARM_UP_NANOS : MEASURE_NANOS;
            for (int e = 0; e < engines.length; e++) {
                TreeShap shap = shaps[e];
                Workspace workspace = workspaces[e];
                long[] single = repeat(minimum, () -> {
                    for (int r = 0; r < rows.length; r++) {
                        shap.contributions(rows[r], out[r], workspace);
                    }
                });
                long[] batch = repeat(minimum, () -> shap.contributions(rows, out, workspace));
                sink += out[rows.length - 1][0];
                if (round > 0) {
                    singleRows[e] += single[0] * rows.length;
                    singleNanos[e] += single[1];
                    batchRows[e] += batch[0] * rows.length;
                    batchNanos[e] += batch[1];
                }
            }
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s", name));
        for (int e = 0; e < engines.length; e++) {
            line.append(String.format(
                    Locale.ROOT,
                    " %10.0f / %8.0f",
                    singleRows[e] / (singleNanos[e] / 1e9),
                    batchRows[e] / (batchNanos[e] / 1e9)));
        }
        return line.append(String.format(Locale.ROOT, "  (checksum %.3f)", sink))
                .toString();
    }

    /** Runs {@code pass} until it has taken at least {@code minimumNanos} of this thread's CPU: {passes, nanos}. */
    private static long[] repeat(long minimumNanos, Runnable pass) {
        long start = THREADS.getCurrentThreadCpuTime();
        long passes = 0;
        long elapsed;
        do {
            pass.run();
            passes++;
            elapsed = THREADS.getCurrentThreadCpuTime() - start;
        } while (elapsed < minimumNanos);
        return new long[] {passes, elapsed};
    }
}
