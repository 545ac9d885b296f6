package com.example.credit.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Data generation and ETL at scale: datagen (synthetic mode) writes N applicants, the Spark ETL prepares them in
 * local mode; wall time, rows per second and the peak resident memory of each child JVM. Outputs are deleted
 * after each size, so 10 million applicants need their disk space only once.
 */
public final class DataBenchmark {

    private static final String DATAGEN_HEAP = "-Xmx512m";
    private static final String ETL_HEAP = "-Xmx3g";

    private final PrintStream out;

    /** A benchmark printing to {@code out}. */
    public DataBenchmark(PrintStream out) {
        this.out = out;
    }

    /** Generates and prepares each size in turn, then prints the table. */
    public void run(Path work, Path datagenJar, String etlClasspath, String sparkFlags, List<Long> sizes) {
        List<String> lines = new ArrayList<>();
        for (long n : sizes) {
            if (n < 1) {
                throw new BenchException("data size " + n + " must be positive");
            }
            Path raw = work.resolve("raw-" + n);
            Path prepared = work.resolve("prepared-" + n);
            BenchFiles.deleteTree(raw);
            BenchFiles.deleteTree(prepared);

            long start = System.nanoTime();
            try (ChildProcess datagen = ChildProcess.start(
                    List.of(
                            "java",
                            DATAGEN_HEAP,
                            "-jar",
                            datagenJar.toString(),
                            "--mode",
                            "synthetic",
                            "--n",
                            Long.toString(n),
                            "--seed",
                            "1",
                            "--output",
                            raw.toString()),
                    work,
                    Map.of(),
                    work.resolve("datagen-" + n + ".log"))) {
                datagen.awaitSuccess(3 * 3600);
                double seconds = (System.nanoTime() - start) / 1e9;
                lines.add(String.format(
                        Locale.ROOT,
                        "%-8s %,12d %10.1f %12.0f %10.0f   (%s, %.1f GB written)",
                        "datagen",
                        n,
                        seconds,
                        n / seconds,
                        datagen.peakMebiBytes(),
                        DATAGEN_HEAP,
                        gigaBytes(raw)));
                out.println("data: " + lines.get(lines.size() - 1));
            }

            List<String> etlCommand = new ArrayList<>(List.of("java", ETL_HEAP));
            etlCommand.addAll(Arrays.stream(sparkFlags.trim().split("\\s+"))
                    .filter(flag -> !flag.isEmpty())
                    .toList());
            etlCommand.addAll(List.of(
                    "-cp",
                    etlClasspath,
                    "com.example.credit.etl.EtlJob",
                    "--input",
                    raw.toString(),
                    "--output",
                    prepared.toString(),
                    "--master",
                    "local[2]"));
            start = System.nanoTime();
            try (ChildProcess etl = ChildProcess.start(
                    etlCommand, work, Map.of("SPARK_LOCAL_IP", "127.0.0.1"), work.resolve("etl-" + n + ".log"))) {
                etl.awaitSuccess(3 * 3600);
                double seconds = (System.nanoTime() - start) / 1e9;
                lines.add(String.format(
                        Locale.ROOT,
                        "%-8s %,12d %10.1f %12.0f %10.0f   (%s, local[2], %.1f GB written)",
                        "etl",
                        n,
                        seconds,
                        n / seconds,
                        etl.peakMebiBytes(),
                        ETL_HEAP,
                        gigaBytes(prepared)));
                out.println("data: " + lines.get(lines.size() - 1));
            }
            BenchFiles.deleteTree(raw);
            BenchFiles.deleteTree(prepared);
        }
        out.println();
        out.println("== data: datagen (synthetic) and ETL (Spark local[2]), peak RSS of each child JVM (VmHWM) ==");
        out.printf(Locale.ROOT, "%-8s %12s %10s %12s %10s%n", "stage", "applicants", "seconds", "rows/s", "peak MiB");
        lines.forEach(out::println);
    }

    private static double gigaBytes(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                            .mapToLong(file -> {
                                try {
                                    return Files.size(file);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            })
                            .sum()
                    / 1e9;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + folder, e);
        }
    }
}
