package com.example.credit.batch;

import com.example.credit.testsupport.golden.GoldenBundle;
import com.example.credit.testsupport.golden.GoldenRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The model and data the tests run on, read from credit-test-support's golden bundle (the model training-service
 * makes from the Statlog fixture), not trained: its model folder, and its 200 held-out rows written once per test
 * run into {@code target/test-input} in the ETL's prepared layout.
 */
public final class TestModel {

    private static final Path PREPARED = Path.of("target", "test-input").toAbsolutePath();
    private static boolean written;

    private TestModel() {}

    /**
     * The held-out split in the ETL's layout: {@code data_test/} and {@code label_test/}, two parts of 100 rows
     * each, with the {@code _SUCCESS} and {@code .crc} files Spark leaves beside them, which readers must skip.
     */
    public static synchronized Path prepared() {
        if (!written) {
            List<GoldenRow> rows = GoldenBundle.testRows();
            writeParts(
                    PREPARED.resolve("data_test"),
                    rows.stream().map(GoldenRow::dataLine).toList());
            writeParts(
                    PREPARED.resolve("label_test"),
                    rows.stream().map(GoldenRow::labelLine).toList());
            written = true;
        }
        return PREPARED;
    }

    /** The model folder (model.txt, model.json, schemas). */
    public static Path directory() {
        return GoldenBundle.modelDir();
    }

    /** The held-out data lines repeated in order until there are {@code count}: input larger than the split. */
    public static List<String> dataLines(int count) {
        List<GoldenRow> rows = GoldenBundle.testRows();
        return IntStream.range(0, count)
                .mapToObj(i -> rows.get(i % rows.size()).dataLine())
                .toList();
    }

    private static void writeParts(Path folder, List<String> lines) {
        int half = lines.size() / 2;
        try {
            Files.createDirectories(folder);
            write(folder.resolve("part-00000.json"), lines.subList(0, half));
            write(folder.resolve("part-00001.json"), lines.subList(half, lines.size()));
            Files.writeString(folder.resolve("_SUCCESS"), "");
            Files.writeString(folder.resolve(".part-00000.json.crc"), "not json");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test input into " + folder, e);
        }
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
