package com.example.credit.bench;

import com.example.credit.training.cli.TrainCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entry point {@code bench.sh} calls once per stage: {@code train-credit}, {@code setup}, {@code engine},
 * {@code endpoint}, {@code batch}, {@code data} and {@code dashboard}. Each stage prints its figures and ratios; a failed check exits non-zero.
 */
public final class BenchCommand {

    private BenchCommand() {}

    /** Runs one stage; exit code 0 on success, 1 on a failed stage, 2 on bad usage. */
    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args.length == 0) {
            usage(out);
            System.exit(2);
        }
        try {
            run(args, out);
        } catch (BenchException e) {
            System.err.println("bench " + args[0] + " failed: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args, PrintStream out) {
        switch (args[0]) {
            case "train-credit" -> trainCredit(Options.parse(args, 1, Set.of()), out);
            case "setup" -> {
                Options options = Options.parse(args, 1, Set.of());
                new BenchSetup(out)
                        .run(options.path("work"), options.path("credit-model"), options.path("credit-data"));
            }
            case "cpu-time" -> {
                Options options = Options.parse(args, 1, Set.of());
                List<CpuTimeCheck.Rates> rates = cpuTime(options, out);
                printTargets(out, EngineTargets.lines(rates, null));
            }
            case "engines" -> {
                Options options = Options.parse(args, 1, Set.of());
                new EngineVariants(out).run(options.path("work"), Integer.parseInt(options.get("rounds", "3")));
            }
            case "engine" -> {
                // JMH (wall-clock, one fork per benchmark and model), then the CPU-time check in this JVM, then
                // the targets: the verdict by CPU time, the JMH figure beside it.
                Options options = Options.parse(args, 1, Set.of("quick"));
                String include = options.get("include", EngineReport.ALL);
                EngineTable table = new EngineReport(out).run(options.path("work"), include, options.flag("quick"));
                if (include.equals(EngineReport.ALL)) {
                    out.println();
                    out.println("== engine: CPU-time check, engine and LightGBM alternating on one thread ==");
                    List<CpuTimeCheck.Rates> rates = cpuTime(options, out);
                    printTargets(out, EngineTargets.lines(rates, table));
                }
            }
            case "endpoint" -> {
                Options options = Options.parse(args, 1, Set.of("quick"));
                new EndpointBenchmark(out, options.flag("quick"))
                        .run(
                                options.path("work"),
                                options.path("jar"),
                                options.path("model-dir"),
                                options.path("credit-data"));
            }
            case "batch" -> {
                Options options = Options.parse(args, 1, Set.of());
                List<Integer> concurrencies = Arrays.stream(
                                options.get("concurrency", "1,2").split(","))
                        .map(String::trim)
                        .map(Integer::parseInt)
                        .toList();
                new BatchBenchmark(out)
                        .run(
                                options.path("work"),
                                options.path("jar"),
                                options.path("model-dir"),
                                options.path("prepared"),
                                concurrencies);
            }
            case "data" -> {
                Options options = Options.parse(args, 1, Set.of());
                List<Long> sizes = Arrays.stream(options.required("sizes").split(","))
                        .map(String::trim)
                        .map(Long::parseLong)
                        .toList();
                new DataBenchmark(out)
                        .run(
                                options.path("work"),
                                options.path("datagen-jar"),
                                options.required("etl-classpath"),
                                options.get("spark-flags", ""),
                                sizes);
            }
            case "dashboard" -> {
                Options options = Options.parse(args, 1, Set.of());
                String model = options.get("model", "");
                new DashboardBenchmark(out)
                        .run(
                                options.path("work"),
                                Long.parseLong(options.get("rows", "1000000")),
                                model.isEmpty() ? null : Path.of(model));
            }
            default -> {
                usage(out);
                throw new BenchException("unknown stage '" + args[0] + "'");
            }
        }
    }

    /**
     * The CPU-time check of every model, {@code --rounds} (3), {@code --interaction-rows} (100) and
     * {@code --warm-up-seconds} (2, CPU time per engine pass).
     */
    private static List<CpuTimeCheck.Rates> cpuTime(Options options, PrintStream out) {
        return new BenchSetup(out)
                .cpuTime(
                        options.path("work"),
                        Integer.parseInt(options.get("rounds", "3")),
                        Integer.parseInt(options.get("interaction-rows", "100")),
                        Duration.ofMillis(Math.round(1000 * Double.parseDouble(options.get("warm-up-seconds", "2")))));
    }

    /** The target lines of a stage, after a blank line and a heading. */
    static void printTargets(PrintStream out, List<String> lines) {
        out.println();
        out.println("== targets of issue 19 (\"Performance, round two\") ==");
        lines.forEach(out::println);
    }

    /** Trains the credit model with training-service's own entry point on prepared Statlog data. */
    private static void trainCredit(Options options, PrintStream out) {
        int exit = new TrainCommand(out, System.err)
                .run(
                        new String[] {
                            "--data",
                            options.required("data"),
                            "--model-dir",
                            options.required("model-dir"),
                            "--hyperparameters",
                            "seed=7"
                        },
                        Map.of());
        if (exit != TrainCommand.EXIT_OK) {
            throw new BenchException("training the credit model failed with exit code " + exit);
        }
    }

    private static void usage(PrintStream out) {
        out.println(
                "usage: BenchCommand train-credit|setup|engine|engines|cpu-time|endpoint|batch|data|dashboard --option value ... (see bench.sh)");
    }
}
