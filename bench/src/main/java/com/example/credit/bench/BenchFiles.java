package com.example.credit.bench;

import com.example.credit.core.layout.PreparedLayout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layout of the benchmark work folder: one folder per benchmarked model with its {@code model.txt} and the
 * {@code rows.txt} every engine is measured on, written by {@code setup} and read by the JMH forks.
 */
public final class BenchFiles {

    /** The models the engine benchmarks run on, in report order. */
    public static final List<String> MODELS =
            List.of("credit", SyntheticModel.TREES_300_LEAVES_31.name(), SyntheticModel.TREES_500_LEAVES_63.name());

    /** The number of rows of every benchmark batch. */
    public static final int BATCH = 1000;

    private BenchFiles() {}

    /** The folder of one benchmarked model. */
    public static Path modelDir(Path work, String model) {
        return work.resolve("models").resolve(model);
    }

    /** Writes rows as comma-separated {@link Double#toString} values, which read back bit for bit. */
    public static void writeRows(Path file, List<double[]> rows) {
        List<String> lines = new ArrayList<>(rows.size());
        for (double[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : ",").append(row[i]);
            }
            lines.add(line.toString());
        }
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads rows written by {@link #writeRows}. */
    public static double[][] readRows(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(line -> !line.isBlank())
                    .map(line -> {
                        String[] parts = line.split(",", -1);
                        double[] row = new double[parts.length];
                        for (int i = 0; i < parts.length; i++) {
                            row[i] = Double.parseDouble(parts[i]);
                        }
                        return row;
                    })
                    .toArray(double[][]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read benchmark rows " + file, e);
        }
    }

    /** The JSON Lines of every part file of a prepared dataset folder, in file name order. */
    public static List<String> jsonLines(Path folder) {
        try {
            List<String> lines = new ArrayList<>();
            for (Path file : PreparedLayout.dataFiles(folder)) {
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    reader.lines().filter(line -> !line.isBlank()).forEach(lines::add);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prepared data " + folder, e);
        }
    }

    /** Deletes a folder and everything in it; nothing if it does not exist. */
    public static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }
}
