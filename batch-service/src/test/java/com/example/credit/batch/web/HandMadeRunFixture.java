package com.example.credit.batch.web;

import com.example.credit.batch.TestModel;
import com.example.credit.batch.runs.HandMadeRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The hand-made run of {@link HandMadeRun} laid out as the dashboard serves a run — {@code run/} (its lines with
 * interaction values), its labels in {@code label_test/}, a {@code model/} folder (a {@code model.json} and the golden
 * model's {@code model.txt}, for the global explanations) and its protected attributes in
 * {@code protected_test/} — in a fresh folder under {@code target/}, registered as the dashboard's run {@value #ID}
 * on a random port; beside it the same run without interaction values, labels, model or protected attributes in
 * {@code plain/}, registered as run {@value #PLAIN}.
 */
final class HandMadeRunFixture {

    static final String ID = "statlog-42";
    static final String PLAIN = "plain";

    private HandMadeRunFixture() {}

    /** Writes the folders and returns their root. */
    static Path create(String prefix) {
        try {
            Path root = Files.createTempDirectory(Path.of("target"), prefix);
            HandMadeRun.writeWithInteractions(root.resolve("run"));
            HandMadeRun.writeLabels(root.resolve("label_test"));
            HandMadeRun.writeProtected(root.resolve("protected_test"));
            HandMadeRun.write(root.resolve(PLAIN));
            Files.createDirectories(root.resolve("model"));
            Files.writeString(root.resolve("model/model.json"), "{\"format_version\":2}\n");
            // The golden model's trees, for the run's global explanations (its partial dependence).
            Files.copy(TestModel.directory().resolve("model.txt"), root.resolve("model/model.txt"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dashboard's properties for the runs under {@code root}. */
    static void register(DynamicPropertyRegistry registry, Path root) {
        registry.add("dashboard.runs[0].id", () -> ID);
        registry.add("dashboard.runs[0].output", () -> root.resolve("run").toString());
        registry.add(
                "dashboard.runs[0].labels", () -> root.resolve("label_test").toString());
        registry.add("dashboard.runs[0].model", () -> root.resolve("model").toString());
        registry.add("dashboard.runs[0].protected-attributes", () -> root.resolve("protected_test")
                .toString());
        registry.add("dashboard.runs[1].id", () -> PLAIN);
        registry.add("dashboard.runs[1].output", () -> root.resolve(PLAIN).toString());
        registry.add("server.port", () -> "0");
        registry.add("dashboard.jobs.state-dir", () -> root.resolve("jobs").toString());
    }
}
