package com.example.credit.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.core.manifest.ModelManifestJson;
import com.example.credit.training.PreparedDataFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandLocalTests {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return new TrainCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args, env);
    }

    @Test
    void trainsOnAnEtlOutputFolderWithHyperparametersFromTheCommandLine() throws IOException {
        Path prepared = PreparedDataFixture.write(temp.resolve("prepared"));
        Path model = temp.resolve("out/model");

        int exit = run(
                Map.of(),
                "--data",
                prepared.toString(),
                "--model-dir",
                model.toString(),
                "--hyperparameters",
                "tree-n-estimators=15",
                "cv-splits=2",
                "tree-boosting-type=dart");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(ModelManifestJson.read(Files.readString(model.resolve("model.json")))
                        .hyperparameters())
                .containsEntry("tree-n-estimators", 15L)
                .containsEntry("cv-splits", 2L)
                .containsEntry("tree-boosting-type", "dart");
        assertThat(model.resolve("model.txt")).exists();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("test_auc: ");
    }

    @Test
    void writesTheFailureFileUnderTheOptMlRootWhenOneIsGiven() throws IOException {
        Path prepared = PreparedDataFixture.write(temp.resolve("prepared"));
        Path root = temp.resolve("opt-ml");

        int exit = run(
                Map.of(),
                "--data",
                prepared.toString(),
                "--model-dir",
                temp.resolve("model").toString(),
                "--opt-ml",
                root.toString(),
                "--hyperparameters",
                "learning-rate=2");

        assertThat(exit).isEqualTo(TrainCommand.EXIT_FAILED);
        assertThat(Files.readString(root.resolve("output/failure")))
                .startsWith("hyperparameter learning-rate='2' is invalid: must be a number in [0.000001, 1]");
        assertThat(temp.resolve("model")).doesNotExist();
    }

    @Test
    void exitsWithTwoOnAnUnknownFlag() {
        assertThat(run(Map.of(), "--epochs", "3")).isEqualTo(TrainCommand.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown argument '--epochs'")
                .contains("usage:");
    }

    @Test
    void exitsWithTwoWhenDataComesWithoutModelDir() {
        assertThat(run(Map.of(), "--data", "/tmp/p")).isEqualTo(TrainCommand.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--data and --model-dir go together");
    }

    @Test
    void printsUsageOnHelp() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: train");
    }
}
