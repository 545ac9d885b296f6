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
        long[] single = new long[engines.length];
        long[] batch = new long[engines.length];
        double sink = 0;
        for (int round = 0; round <= rounds; round++) {
            for (int e = 0; e < engines.length; e++) {
                long start = THREADS.getCurrentThreadCpuTime();
                for (int r = 0; r < rows.length; r++) {
                    shaps[e].contributions(rows[r], out[r], workspaces[e]);
                }
                long middle = THREADS.getCurrentThreadCpuTime();
                shaps[e].contributions(rows, out, workspaces[e]);
                long end = THREADS.getCurrentThreadCpuTime();
                sink += out[rows.length - 1][0];
                // Round 0 warms up the JIT; it is not counted.
                if (round > 0) {
                    single[e] += middle - start;
                    batch[e] += end - middle;
                }
            }
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s", name));
        for (int e = 0; e < engines.length; e++) {
            line.append(String.format(
                    Locale.ROOT,
                    " %10.0f / %8.0f",
                    rounds * rows.length / (single[e] / 1e9),
                    rounds * rows.length / (batch[e] / 1e9)));
        }
        return line.append(String.format(Locale.ROOT, "  (checksum %.3f)", sink))
                .toString();
    }
}
