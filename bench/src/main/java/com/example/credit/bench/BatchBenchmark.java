package com.example.credit.bench;

import com.example.credit.batch.job.TransformJobSpec;
import com.example.credit.batch.local.LocalTransformer;
import com.example.credit.batch.local.ProgressListener;
import com.example.credit.batch.local.TransformResult;
import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
import com.example.credit.core.shap.TreeShap;
import com.example.credit.core.shap.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Item 5: explanations per second of a whole prepared dataset (data_train and data_test) through batch-service's
 * local back end, which POSTs multi-record requests to the explainer jar, at 1 and 2 concurrent transforms; next to
 * the engine's pure compute rate (TreeSHAP's batch method in this process, on 1 and 2 threads) over a sample of the
 * same records.
 */
public final class BatchBenchmark {

    private static final int ENGINE_SAMPLE = 100_000;
    // Nanoseconds of warm-up passes, then of timed passes, of the engine alone.
    private static final long ENGINE_SECONDS = 1_000_000_000L;
    // Records of the untimed transform that warms up the explainer's JIT and this process's before the timed ones
    // (the engine alone gets a warm-up pass too).
    private static final int WARM_UP_RECORDS = 20_000;
    private static final double SCALING_TARGET = 1.8;
    // Output lines kept in memory for the write floor.
    private static final int FLOOR_SAMPLE = 10_000;
    // Records whose JSON alone is measured.
    private static final int JSON_FLOOR_RECORDS = 1000;

    private final PrintStream out;

    public BatchBenchmark(PrintStream out) {
        this.out = out;
    }

    /** Runs the transforms at each concurrency and prints the report. */
    public void run(Path work, Path jar, Path modelDir, Path prepared, List<Integer> concurrencies) {
        Path input = linkInput(work.resolve("batch-input"), prepared);
        long records = countLines(input);
        out.printf(Locale.ROOT, "batch: %,d records in %s%n", records, input);
        double[] engine = new double[concurrencies.size()];
        for (int c = 0; c < concurrencies.size(); c++) {
            engine[c] = engineRate(modelDir, input, concurrencies.get(c));
            out.printf(
                    Locale.ROOT,
                    "batch: engine, %d thread(s), TreeSHAP batch method: %.0f explanations/s%n",
                    concurrencies.get(c),
                    engine[c]);
        }
        List<TransformResult> results = new ArrayList<>();
        double peak;
        Floors.Written written = null;
        Floors.Json json = null;
        try (ExplainerServer server = ExplainerServer.start(work, jar, modelDir)) {
            // One warm-up at each concurrency: with one worker the writer thread makes the output lines, with more
            // the workers do, and each path needs the JIT's work before it is timed.
            for (int concurrency : concurrencies) {
                warmUp(work, input, server, concurrency);
            }
            for (int concurrency : concurrencies) {
                Path output = work.resolve("batch-output-" + concurrency);
                BenchFiles.deleteTree(output);
                TransformJobSpec spec =
                        TransformJobSpec.forDatasetReport(input.toString(), output.toString()).toBuilder()
                                .maxConcurrentTransforms(concurrency)
                                .build();
                TransformResult result = LocalTransformer.run(spec, server.base(), ProgressListener.NONE);
                if (!result.succeeded() || result.records() != records || result.errorRecords() != 0) {
                    throw new BenchException("the transform at concurrency " + concurrency + " did not explain all "
                            + records + " records: " + result);
                }
                results.add(result);
                out.printf(
                        Locale.ROOT,
                        "batch: transform, %d concurrent: %,d records in %.1f s, %d requests%n",
                        concurrency,
                        result.records(),
                        result.elapsed().toMillis() / 1e3,
                        result.requests());
                if (concurrency == 1) {
                    written = writeFloor(work, output);
                }
                BenchFiles.deleteTree(output);
            }
            peak = server.peakMebiBytes();
            if (written != null) {
                json = jsonFloor(server, input);
            }
        }
        report(concurrencies, engine, results, peak, written, json);
    }

    /**
     * The JSON alone for the job's records ({@link Floors#json}): the first {@value #JSON_FLOOR_RECORDS} input lines
     * sent once as one request of the job's content type, and their answers, read and written on this thread.
     */
    private Floors.Json jsonFloor(ExplainerServer server, Path input) {
        List<String> records = firstLines(input, JSON_FLOOR_RECORDS).stream()
                .filter(line -> !line.isBlank())
                .toList();
        String contentType = TransformJobSpec.forDatasetReport(input.toString(), input.toString())
                .contentType();
        byte[] answer = new LoadGenerator(1)
                .answer(LoadGenerator.post(
                        server.base().resolve("/invocations"), contentType, String.join("\n", records) + "\n"));
        return Floors.json(records, EndpointBenchmark.answerLines(answer), Duration.ofSeconds(2));
    }

    /**
     * Writes as many bytes as the transform's output holds, cycling through its first {@value #FLOOR_SAMPLE} lines,
     * with the job's writer ({@link Floors#write}), and prints how long it took.
     */
    private Floors.Written writeFloor(Path work, Path output) {
        List<String> sample = new ArrayList<>();
        long bytes = 0;
        try (Stream<Path> files = Files.walk(output)) {
            // The output files only (<input>.out), not the resume markers and job records beside them.
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".out"))
                    .sorted()
                    .toList()) {
                bytes += Files.size(file);
                if (sample.size() < FLOOR_SAMPLE) {
                    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                        lines.limit(FLOOR_SAMPLE - sample.size()).forEach(sample::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the transform's output " + output + ": " + e.getMessage(), e);
        }
        Floors.Written written = Floors.write(sample, bytes, work.resolve("batch-write-floor.out"));
        out.printf(
                Locale.ROOT,
                "batch: the output alone: %.1f MB written again (%,d lines of its first %,d, with the job's writer)"
                        + " in %.1f s%n",
                written.bytes() / 1e6,
                written.lines(),
                sample.size(),
                written.seconds());
        return written;
    }

    /** The first {@code count} lines of the input's files, taken in file-name order. */
    private static List<String> firstLines(Path input, int count) {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(input)) {
            for (Path file : files.sorted().toList()) {
                try (Stream<String> fileLines = Files.lines(file, StandardCharsets.UTF_8)) {
                    fileLines.limit(count - lines.size()).forEach(lines::add);
                }
                if (lines.size() >= count) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the input " + input + ": " + e.getMessage(), e);
        }
        return lines;
    }

    /** An untimed transform of the first records of the input, at {@code concurrency} concurrent transforms. */
    private void warmUp(Path work, Path input, ExplainerServer server, int concurrency) {
        Path warmUpInput = work.resolve("batch-warm-up-input");
        Path warmUpOutput = work.resolve("batch-warm-up-output");
        BenchFiles.deleteTree(warmUpInput);
        BenchFiles.deleteTree(warmUpOutput);
        List<String> lines = firstLines(input, WARM_UP_RECORDS);
        try {
            Files.createDirectories(warmUpInput);
            Files.write(warmUpInput.resolve("warm-up.json"), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the warm-up input " + warmUpInput + ": " + e.getMessage(), e);
        }
        TransformJobSpec spec =
                TransformJobSpec.forDatasetReport(warmUpInput.toString(), warmUpOutput.toString()).toBuilder()
                        .maxConcurrentTransforms(concurrency)
                        .build();
        TransformResult result = LocalTransformer.run(spec, server.base(), ProgressListener.NONE);
        if (!result.succeeded()) {
            throw new BenchException("the warm-up transform of " + lines.size() + " records failed: " + result);
        }
        out.printf(
                Locale.ROOT,
                "batch: warm-up transform, %d concurrent: %,d records in %.1f s (not counted)%n",
                concurrency,
                result.records(),
                result.elapsed().toMillis() / 1e3);
        BenchFiles.deleteTree(warmUpInput);
        BenchFiles.deleteTree(warmUpOutput);
    }

    private void report(
            List<Integer> concurrencies,
            double[] engine,
            List<TransformResult> results,
            double peak,
            Floors.Written written,
            Floors.Json json) {
        out.println();
        out.println("== batch: local back end over HTTP vs the engine's pure compute (credit model) ==");
        out.printf(
                Locale.ROOT,
                "%-11s %12s %10s %14s %14s %10s%n",
                "concurrency",
                "records",
                "seconds",
                "explanations/s",
                "engine expl/s",
                "share");
        for (int c = 0; c < concurrencies.size(); c++) {
            TransformResult result = results.get(c);
            out.printf(
                    Locale.ROOT,
                    "%-11d %12d %10.1f %14.0f %14.0f %9.0f%%%n",
                    concurrencies.get(c),
                    result.records(),
                    result.elapsed().toMillis() / 1e3,
                    result.recordsPerSecond(),
                    engine[c],
                    100 * result.recordsPerSecond() / engine[c]);
        }
        out.printf(Locale.ROOT, "explainer peak RSS (VmHWM): %.0f MiB%n", peak);
        if (results.size() >= 2) {
            double scaling = results.get(results.size() - 1).recordsPerSecond()
                    / results.get(0).recordsPerSecond();
            out.printf(
                    Locale.ROOT,
                    "scaling %d -> %d concurrent: %.2fx (engine alone: %.2fx; issue 7's goal >= %.1fx: %s)%n",
                    concurrencies.get(0),
                    concurrencies.get(concurrencies.size() - 1),
                    scaling,
                    engine[engine.length - 1] / engine[0],
                    SCALING_TARGET,
                    scaling >= SCALING_TARGET ? "reached" : "missed");
        }
        int single = concurrencies.indexOf(1);
        double share = single < 0 ? Double.NaN : results.get(single).recordsPerSecond() / engine[single];
        String note;
        if (single < 0) {
            note = "the run had no transform at 1 concurrent";
        } else {
            TransformResult result = results.get(single);
            // The output alone, as records a second: the job's records over the time its bytes took to write.
            double outputRate = result.records() / written.seconds();
            // The JSON alone, as records a second of one thread: at 1 concurrent transform the explainer answers one
            // request at a time, each on one thread, so the job cannot explain records faster than that thread reads
            // them and writes their answers.
            double jsonRate = 1e9 / json.totalNanos();
            out.printf(
                    Locale.ROOT,
                    "the output alone (writing the 1-concurrent job's output bytes, no reading, no explaining): %.0f"
                            + " records/s, %.0f%% of the engine alone; the job is %.0f%% of it%n",
                    outputRate,
                    100 * outputRate / engine[single],
                    100 * result.recordsPerSecond() / outputRate);
            out.printf(
                    Locale.ROOT,
                    "the JSON alone (Jackson's streaming API reading %d of the job's records and writing their answers,"
                            + " one thread, as the explainer answers one request at a time): %.1f us a record (reading"
                            + " %.1f, writing %.1f), %.0f records/s, %.0f%% of the engine alone; the job is %.0f%% of"
                            + " it%n",
                    JSON_FLOOR_RECORDS,
                    json.totalNanos() / 1e3,
                    json.readNanos() / 1e3,
                    json.writeNanos() / 1e3,
                    jsonRate,
                    100 * jsonRate / engine[single],
                    100 * result.recordsPerSecond() / jsonRate);
            double floorShare = Math.min(outputRate, jsonRate) / engine[single];
            note = String.format(
                    Locale.ROOT,
                    "wall-clock, %.0f vs %.0f explanations/s, same run; the JSON alone on the explainer's one thread"
                            + " is %.0f%% of the engine and writing the output alone %.0f%%: %s",
                    result.recordsPerSecond(),
                    engine[single],
                    100 * jsonRate / engine[single],
                    100 * outputRate / engine[single],
                    Targets.BATCH_JOB_VS_ENGINE.reached(floorShare)
                            ? "the goal is within their reach"
                            : "the goal is out of reach of any job that reads these records and writes these answers");
        }
        BenchCommand.printTargets(out, List.of(Targets.BATCH_JOB_VS_ENGINE.line(share, note)));
    }

    /** A folder of hard links to the application files of both splits (the label files stay out). */
    private static Path linkInput(Path input, Path prepared) {
        BenchFiles.deleteTree(input);
        try {
            Files.createDirectories(input);
            for (Channel split : List.of(Channel.DATA_TRAIN, Channel.DATA_TEST)) {
                // The ETL's part files (JSON Lines); _SUCCESS and the like stay out.
                for (Path file : new PreparedLayout(prepared).dataFiles(split)) {
                    Files.createLink(input.resolve(split.folder() + "-" + file.getFileName()), file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link the batch input from " + prepared, e);
        }
        return input;
    }

    private static long countLines(Path input) {
        try (Stream<Path> files = Files.list(input)) {
            long lines = 0;
            for (Path file : files.toList()) {
                try (Stream<String> fileLines = Files.lines(file, StandardCharsets.UTF_8)) {
                    lines += fileLines.filter(line -> !line.isBlank()).count();
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count the records in " + input, e);
        }
    }

    /** SHAP values per second of the engine alone over the first records, split over {@code threads} threads. */
    private static double engineRate(Path modelDir, Path input, int threads) {
        TreeShap shap = TreeShap.of(LightGbmModel.read(modelDir.resolve("model.txt")));
        double[][] rows = sample(input);
        int perThread = (rows.length + threads - 1) / threads;
        // Untimed passes for a second warm up the JIT (one pass of a quick run's 10,000 rows did not: 86,000 against
        // 620,000 explanations a second); then passes for at least a second are timed.
        long warmUpEnd = System.nanoTime() + ENGINE_SECONDS;
        do {
            explainInParallel(shap, rows, perThread, threads);
        } while (System.nanoTime() < warmUpEnd);
        long passes = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            explainInParallel(shap, rows, perThread, threads);
            passes++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < ENGINE_SECONDS);
        return passes * rows.length / (elapsed / 1e9);
    }

    private static void explainInParallel(TreeShap shap, double[][] rows, int perThread, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = t * perThread;
                int to = Math.min(rows.length, from + perThread);
                parts.add(pool.submit(() -> {
                    Workspace workspace = shap.newWorkspace();
                    double[][] part = Arrays.copyOfRange(rows, from, to);
                    double[][] outputs = new double[part.length][shap.numFeatures() + 1];
                    // Requests of the local back end carry about this many records; explain them the same way.
                    int request = 1000;
                    for (int r = 0; r < part.length; r += request) {
                        int end = Math.min(part.length, r + request);
                        shap.contributions(
                                Arrays.copyOfRange(part, r, end), Arrays.copyOfRange(outputs, r, end), workspace);
                    }
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } catch (Exception e) {
            throw new BenchException("the engine rate could not be measured: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double[][] sample(Path input) {
        FeatureEncoder encoder = new FeatureEncoder(FeatureCatalog.standard());
        ObjectMapper json = JsonMapper.builder().build();
        List<double[]> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(input)) {
            for (Path file : files.sorted().toList()) {
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    while (rows.size() < ENGINE_SAMPLE && (line = reader.readLine()) != null) {
                        if (!line.isBlank()) {
                            rows.add(encoder.encode(json.readTree(line)));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the records of " + input, e);
        }
        return rows.toArray(new double[0][]);
    }
}
