package com.example.credit.batch.jobs;

import com.example.credit.batch.TestModel;
import com.example.credit.batch.job.AssembleWith;
import com.example.credit.batch.job.BatchStrategy;
import com.example.credit.batch.job.DataProcessing;
import com.example.credit.batch.job.JoinSource;
import com.example.credit.batch.job.SplitType;
import com.example.credit.batch.job.TransformJobSpec;
import com.example.credit.batch.local.LocalTransformer;
import com.example.credit.batch.local.ProgressListener;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Inputs for job tests: {@value #FILES} files of {@value #LINES} held-out applicants each, a job over them sent one
 * record per request (so a paused explainer stops it at a known record), and what the outputs must be.
 */
public final class JobFixture {

    public static final int FILES = 4;
    public static final int LINES = 10;

    private JobFixture() {}

    /** Writes the input files into {@code <root>/in}. */
    public static Path input(Path root) throws IOException {
        Path input = root.resolve("in");
        Files.createDirectories(input);
        List<String> rows = TestModel.dataLines(FILES * LINES);
        for (int file = 0; file < FILES; file++) {
            Files.write(input.resolve("part-" + file + ".jsonl"), rows.subList(file * LINES, (file + 1) * LINES));
        }
        return input;
    }

    /** The job: one record per request, one request at a time, outputs joined to their inputs. */
    public static TransformJobSpec spec(Path input, Path output) {
        return TransformJobSpec.builder(
                        input.toString(),
                        output.toString(),
                        "application/jsonlines;entities=prediction,explanation_shap_values,reasons")
                .splitType(SplitType.LINE)
                .batchStrategy(BatchStrategy.SINGLE_RECORD)
                .maxConcurrentTransforms(1)
                .assembleWith(AssembleWith.LINE)
                .dataProcessing(new DataProcessing("$", "$", JoinSource.INPUT))
                .build();
    }

    /** The outputs of the job run straight through by the local transformer. */
    public static Map<String, String> reference(Path input, Path output, URI explainer) throws IOException {
        LocalTransformer.run(spec(input, output), explainer, ProgressListener.NONE);
        return visibleOutputs(output);
    }

    /** The outputs a reader sees: {@code .out} files, not hidden partial files or state. */
    public static Map<String, String> visibleOutputs(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().endsWith(".out"))
                    .filter(path -> !path.getFileName().toString().startsWith("."))
                    .toList()) {
                files.put(root.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }

    /** The resume markers of finished files. */
    public static long finishedFiles(Path output) throws IOException {
        Path state = output.resolve(LocalTransformer.STATE_FOLDER);
        if (!Files.isDirectory(state)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(state)) {
            return list.filter(path -> path.getFileName().toString().endsWith(".done"))
                    .count();
        }
    }

    /** Waits for a condition (a minute at most), polling every 5 ms; fails with the description if it never holds. */
    public static void await(String description, BooleanSupplier condition) throws InterruptedException {
        await(() -> description, condition);
    }

    /** Waits for a condition; the description is built when it fails (to show the state at that time). */
    public static void await(java.util.function.Supplier<String> description, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + description.get());
            }
            Thread.sleep(5);
        }
    }

    /** The names of the files in a folder, sorted. */
    public static List<String> names(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> list = Files.list(folder)) {
                list.forEach(path -> names.add(path.getFileName().toString()));
            }
        }
        names.sort(null);
        return names;
    }
}
