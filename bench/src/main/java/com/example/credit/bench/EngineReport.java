package com.example.credit.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link EngineBenchmarks} with JMH (one fork per benchmark and model, so every measurement starts from the
 * same JIT state) and prints the side-by-side table of {@link EngineTable}.
 */
public final class EngineReport {

    /** The pattern that selects every benchmark; only a full run prints the ratio table. */
    public static final String ALL = ".*";

    /**
     * What a quick run measures instead of {@link #ALL}: the benchmarks behind the targets, without LightGBM's
     * batch (over ten seconds a call on the largest model; the CPU-time check measures it), plain prediction one row
     * at a time and interventional TreeSHAP.
     */
    public static final String QUICK =
            "(engineShap|lightgbmShap|engineShapBatch|enginePredictBatch|engineInteractions)$";

    private final PrintStream out;

    /** A report printed to {@code out}. */
    public EngineReport(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the benchmarks whose names match {@code include} (a JMH regular expression) on the work folder.
     *
     * @param quick short iterations and, when {@code include} is {@link #ALL}, only the benchmarks of {@link #QUICK}:
     *     a noisier run that still gives every target a figure
     */
    public EngineTable run(Path work, String include, boolean quick) {
        String pattern = quick && include.equals(ALL) ? QUICK : include;
        // Iterations come from the annotations of EngineBenchmarks (options set here would override them all).
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(EngineBenchmarks.class.getName() + "." + pattern)
                .threads(1)
                .shouldFailOnError(true)
                .jvmArgsAppend(
                        "-Xmx1g",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-Dbench.work=" + work.toAbsolutePath(),
                        "-Djava.io.tmpdir=" + work.toAbsolutePath(),
                        "-D" + EngineBenchmarks.QUICK_PROPERTY + "=" + quick);
        if (quick) {
            options.warmupIterations(1)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(1)
                    .measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (RunnerException e) {
            throw new BenchException("JMH failed: " + e.getMessage(), e);
        }
        List<Score> scores = new ArrayList<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            String background = result.getParams().getParam("backgroundRows");
            scores.add(new Score(
                    method.substring(method.lastIndexOf('.') + 1) + (background == null ? "" : "/" + background),
                    result.getParams().getParam("model"),
                    result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreError()));
        }
        out.println();
        out.println("== engine: raw JMH scores (rows/s, +- 99.9% confidence half-width) ==");
        for (Score score : scores) {
            out.printf(
                    Locale.ROOT,
                    "%-22s %-12s %14.1f +- %.1f%n",
                    score.benchmark(),
                    score.model(),
                    score.rowsPerSecond(),
                    score.error());
        }
        printInterventional(scores);
        EngineTable table = new EngineTable(scores, BenchFiles.MODELS);
        if (include.equals(ALL)) {
            out.println();
            if (quick) {
                out.println("(quick run: only the benchmarks of " + QUICK + ", 1 s iterations)");
            }
            out.println("== engine: TreeSHAP engine vs LightGBM C_API_PREDICT_CONTRIB (num_threads=1), rows/s ==");
            out.print(table.render());
        }
        return table;
    }

    /** Interventional TreeSHAP's cost per row beside path-dependent TreeSHAP's, for the models measured with both. */
    private void printInterventional(List<Score> scores) {
        List<String> lines = new ArrayList<>();
        for (String model : BenchFiles.MODELS) {
            Score pathDependent = find(scores, "engineShap", model);
            if (pathDependent == null) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format(
                    Locale.ROOT, "%-12s path-dependent %9.4f ms/row", model, 1000 / pathDependent.rowsPerSecond()));
            boolean any = false;
            for (Score score : scores) {
                if (score.model().equals(model) && score.benchmark().startsWith("interventionalShap/")) {
                    any = true;
                    line.append(String.format(
                            Locale.ROOT,
                            " | %s background rows %9.3f ms/row (x%.0f)",
                            score.benchmark().substring("interventionalShap/".length()),
                            1000 / score.rowsPerSecond(),
                            pathDependent.rowsPerSecond() / score.rowsPerSecond()));
                }
            }
            if (any) {
                lines.add(line.toString());
            }
        }
        if (!lines.isEmpty()) {
            out.println();
            out.println("== engine: interventional TreeSHAP vs path-dependent, cost per row (one row per call) ==");
            lines.forEach(out::println);
        }
    }

    private static Score find(List<Score> scores, String benchmark, String model) {
        return scores.stream()
                .filter(score ->
                        score.benchmark().equals(benchmark) && score.model().equals(model))
                .findFirst()
                .orElse(null);
    }
}
