package com.example.credit.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.training.OptMlFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a run can fail: a reason in output/failure, exit code 1, and nothing in the model folder. */
class TrainCommandFailureTests {

    @TempDir
    Path optMl;

    private Path data;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void layOutAValidRun() {
        OptMlFixture.create(optMl, OptMlFixture.QUICK);
        data = optMl.resolve("input/data");
    }

    private String failsWithReason() throws IOException {
        int exit = new TrainCommand(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(optMl);
        assertThat(exit).isEqualTo(TrainCommand.EXIT_FAILED);
        try (Stream<Path> files = Files.list(optMl.resolve("model"))) {
            assertThat(files).isEmpty();
        }
        try (Stream<Path> siblings = Files.list(optMl)) {
            assertThat(siblings.map(path -> path.getFileName().toString()))
                    .allSatisfy(name -> assertThat(name).doesNotContain("partial"));
        }
        String failure = Files.readString(optMl.resolve("output/failure"));
        assertThat(failure).doesNotStartWith("com.").doesNotStartWith("java.").doesNotStartWith("\tat");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("training failed");
        return failure.substring(0, Math.min(1024, failure.length()));
    }

    private static void append(Path file, String line) throws IOException {
        Files.writeString(file, Files.readString(file) + line + "\n");
    }

    private static void replaceIn(Path file, String from, String to) throws IOException {
        String content = Files.readString(file);
        assertThat(content).contains(from);
        Files.writeString(file, content.replaceFirst(Pattern.quote(from), to));
    }

    @Test
    void reportsMalformedJsonWithChannelFileAndLine() throws IOException {
        append(data.resolve("data_train/part-00001.json"), "{\"row_id\": \"x\", oops}");

        assertThat(failsWithReason())
                .startsWith("data_train/part-00001.json line 201: malformed JSON")
                .contains("oops");
    }

    @Test
    void reportsASchemaViolationNamingFieldValueAndRule() throws IOException {
        replaceIn(data.resolve("data_test/part-00000.json"), "\"credit__purpose\":\"", "\"credit__purpose\":\"yacht");

        assertThat(failsWithReason())
                .startsWith("data_test/part-00000.json line 1 (row_id ")
                .contains("credit__purpose")
                .contains("rule: enum");
    }

    @Test
    void reportsARowWithoutRowId() throws IOException {
        replaceIn(data.resolve("label_train/part-00000.json"), "\"row_id\"", "\"rowid\"");

        assertThat(failsWithReason()).startsWith("label_train/part-00000.json line 1: row_id is required");
    }

    @Test
    void reportsAMissingChannel() throws IOException {
        deleteTree(data.resolve("label_test"));

        assertThat(failsWithReason()).startsWith("channel label_test is missing");
    }

    @Test
    void reportsAChannelThatInputDataConfigDoesNotDeclare() throws IOException {
        Path config = optMl.resolve("input/config/inputdataconfig.json");
        Files.writeString(config, "{\"data_train\":{\"TrainingInputMode\":\"File\"}}");

        assertThat(failsWithReason()).startsWith("channel schemas is not declared in inputdataconfig.json");
    }

    @Test
    void reportsLabelsAndDataThatDoNotJoinWithCountAndExampleId() throws IOException {
        Path labels = data.resolve("label_train/part-00001.json");
        List<String> lines = Files.readAllLines(labels);
        Files.write(labels, lines.subList(3, lines.size()));
        String firstDroppedId = lines.subList(0, 3).stream()
                .map(line -> line.replaceAll(".*\"row_id\":\"([0-9a-f]{16})\".*", "$1"))
                .sorted()
                .findFirst()
                .orElseThrow();

        assertThat(failsWithReason())
                .startsWith("row id mismatch: 3 row(s) of data_train have no label in label_train (for example row_id "
                        + firstDroppedId + ")");
    }

    @Test
    void reportsASchemaThatDiffersFromThisBuildsNamingTheDifference() throws IOException {
        replaceIn(data.resolve("schemas/data.schema.json"), "\"rent\", \"own\", \"free\"", "\"rent\", \"own\"");

        assertThat(failsWithReason())
                .startsWith("schema mismatch:")
                .contains("feature residence__type has categories [rent, own] in the channel's schema,"
                        + " [rent, own, free] in this build's");
    }

    @Test
    void reportsAnInvalidHyperparameterNamingKeyValueAndRange() throws IOException {
        Map<String, String> hyperparameters = new HashMap<>(OptMlFixture.QUICK);
        hyperparameters.put("tree-num-leaves", "1");
        OptMlFixture.writeConfig(optMl, hyperparameters);

        assertThat(failsWithReason())
                .startsWith("hyperparameter tree-num-leaves='1' is invalid: must be an integer in [2, 131072]");
    }

    @Test
    void reportsAnUnknownHyperparameterListingTheKnownOnes() throws IOException {
        OptMlFixture.writeConfig(optMl, Map.of("max-depth", "5"));

        assertThat(failsWithReason())
                .startsWith("unknown hyperparameter max-depth='5'; known hyperparameters: tree-n-estimators,");
    }

    @Test
    void removesAStaleFailureFileOnSuccess() throws IOException {
        Path failure = optMl.resolve("output/failure");
        Files.createDirectories(failure.getParent());
        Files.writeString(failure, "earlier failure");

        int exit = new TrainCommand(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(optMl);

        assertThat(exit).isZero();
        assertThat(failure).doesNotExist();
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
