package com.example.credit.explainer;

import com.example.credit.training.cli.TrainCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The model every test explains: trained once per test run into target/test-model by training-service's own
 * entry point ({@link TrainCommand}), on the prepared data below, exactly as the pipeline trains it.
 */
public final class ModelFixture {

    /** The Statlog German Credit data as the ETL prepares it, kept beside training-service's tests. */
    static final Path STATLOG = Path.of("..", "training-service", "src", "test", "resources", "fixtures", "statlog")
            .toAbsolutePath()
            .normalize();

    private static final Path DIRECTORY = Path.of("target", "test-model").toAbsolutePath();
    private static Path trained;
    private static List<PreparedData.Row> testRows;

    private ModelFixture() {}

    /** The model directory (model.txt, model.json, data.schema.json, label.schema.json). */
    public static synchronized Path directory() {
        if (trained == null) {
            trained = train(prepared(), DIRECTORY);
        }
        return trained;
    }

    /** The model text, for loading into LightGBM itself. */
    public static String modelText() {
        try {
            return Files.readString(directory().resolve("model.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every application of the held-out test split, as the service receives them. */
    public static synchronized List<ObjectNode> applications() {
        return applications(testRows().size());
    }

    /** The first {@code count} applications of the held-out test split, as the service receives them. */
    public static synchronized List<ObjectNode> applications(int count) {
        List<PreparedData.Row> testRows = testRows();
        if (count > testRows.size()) {
            throw new IllegalArgumentException("the test split has " + testRows.size() + " rows, not " + count);
        }
        List<ObjectNode> applications = new ArrayList<>();
        testRows.subList(0, count)
                .forEach(row -> applications.add(row.application().deepCopy()));
        return applications;
    }

    private static synchronized List<PreparedData.Row> testRows() {
        if (testRows == null) {
            testRows = PreparedData.read(prepared(), "test");
        }
        return testRows;
    }

    private static Path prepared() {
        if (!Files.isDirectory(STATLOG.resolve("data_test"))) {
            throw new IllegalStateException("the golden Statlog fixture is missing at " + STATLOG
                    + "; see its README for how the pipeline regenerates it");
        }
        return STATLOG;
    }

    private static Path train(Path prepared, Path directory) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        int exit = new TrainCommand(out, out)
                .run(
                        new String[] {
                            "--data",
                            prepared.toString(),
                            "--model-dir",
                            directory.toString(),
                            "--hyperparameters",
                            "tree-n-estimators=60",
                            "cv-splits=2",
                            "seed=7"
                        },
                        Map.of());
        if (exit != TrainCommand.EXIT_OK) {
            throw new IllegalStateException("training the test model failed with exit code " + exit + ":\n"
                    + log.toString(StandardCharsets.UTF_8));
        }
        return directory;
    }
}
