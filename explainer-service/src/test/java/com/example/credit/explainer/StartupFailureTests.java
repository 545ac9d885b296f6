package com.example.credit.explainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.example.credit.explainer.config.ModelLoadFailureAnalyzer;
import com.example.credit.explainer.model.ModelLoadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A bad model directory must stop the process at start, with a message naming the file and the problem. */
class StartupFailureTests {

    @TempDir
    Path temp;

    @Test
    void failsToStartWithoutAModelDirectoryNamingIt() {
        Path missing = temp.resolve("no-such-model");

        assertThat(loadFailure(missing))
                .hasMessage("model directory " + missing + " does not exist or is not a directory");
    }

    @Test
    void failsToStartWhenModelTxtIsMissingNamingTheFile() throws IOException {
        Path model = copyOfTestModel();
        Files.delete(model.resolve("model.txt"));

        assertThat(loadFailure(model)).hasMessage("model directory file " + model.resolve("model.txt") + " is missing");
    }

    @Test
    void failsToStartWhenModelTxtIsCorruptNamingTheFile() throws IOException {
        Path model = copyOfTestModel();
        Files.writeString(model.resolve("model.txt"), "tree\nversion=v4\nnum_class=one\n", StandardCharsets.UTF_8);

        assertThat(loadFailure(model))
                .hasMessageStartingWith("model file " + model.resolve("model.txt") + " is corrupt: ");
    }

    @Test
    void failsToStartWhenTheManifestIsNotJsonNamingTheFile() throws IOException {
        Path model = copyOfTestModel();
        Files.writeString(model.resolve("model.json"), "{\"format_version\": ", StandardCharsets.UTF_8);

        assertThat(loadFailure(model))
                .hasMessageStartingWith("model manifest " + model.resolve("model.json") + " is invalid: ");
    }

    @Test
    void failsToStartWhenTheManifestDisagreesWithTheSchema() throws IOException {
        Path model = copyOfTestModel();
        String manifest = Files.readString(model.resolve("model.json"), StandardCharsets.UTF_8);
        Files.writeString(
                model.resolve("model.json"),
                manifest.replace("\"furniture\"", "\"furnishings\""),
                StandardCharsets.UTF_8);

        assertThat(loadFailure(model))
                .hasMessageContaining(model.resolve("model.json") + " does not match")
                .hasMessageContaining("credit__purpose");
    }

    @Test
    void failsToStartWhenAReferenceFileChangedAfterTrainingNamingIt() throws IOException {
        Path model = copyOfTestModel();
        List<String> lines = Files.readAllLines(model.resolve("approved.jsonl"));
        Files.write(model.resolve("approved.jsonl"), lines.subList(0, lines.size() - 1));

        assertThat(loadFailure(model))
                .hasMessageStartingWith("reference file " + model.resolve("approved.jsonl") + " is invalid: reference"
                        + " file approved.jsonl has SHA-256 ")
                .hasMessageEndingWith("for reference set approved: the file changed after training");
    }

    @Test
    void failsToStartWhenAReferenceFileIsMissingNamingIt() throws IOException {
        Path model = copyOfTestModel();
        Files.delete(model.resolve("background.jsonl"));

        assertThat(loadFailure(model))
                .hasMessage("model directory file " + model.resolve("background.jsonl") + " is missing (reference set"
                        + " background of " + model.resolve("model.json") + ")");
    }

    @Test
    void failsToStartWhenAReferenceSetHasMoreRowsThanTheLimitNamingIt() {
        Path model = ModelFixture.directory();

        assertThat(loadFailure(model, "--explainer.max-reference-rows=150"))
                .hasMessage("reference set background (" + model.resolve("background.jsonl") + ") has 200 rows, more"
                        + " than the 150 this service explains against (explainer.max-reference-rows): retrain with"
                        + " fewer background-rows or raise the limit");
    }

    /** Starts the service and returns the model failure that stopped it, wherever Spring wrapped it. */
    private static ModelLoadException loadFailure(Path modelDir, String... more) {
        try {
            start(modelDir, more);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ModelLoadException failure) {
                    return failure;
                }
            }
            throw new AssertionError("start-up failed without a ModelLoadException", e);
        }
        return fail("the service started with the model directory " + modelDir);
    }

    @Test
    void failsToStartWithAnInvalidReasonCount() {
        assertThatThrownBy(() -> start(ModelFixture.directory(), "--explainer.reason-count=0"))
                .hasStackTraceContaining("explainer.reason-count")
                .hasStackTraceContaining("must be greater than or equal to 1");
    }

    @Test
    void failsToStartWithAMisspeltDefaultEntity() {
        assertThatThrownBy(() -> start(ModelFixture.directory(), "--explainer.default-entities=prediction,reason"))
                .hasStackTraceContaining("unknown entity 'reason'");
    }

    @Test
    void reportsAModelFailureAsAShortStartUpAnalysis() {
        ModelLoadException failure = new ModelLoadException("model directory file /m/model.txt is missing");

        FailureAnalysis analysis = new ModelLoadFailureAnalyzer().analyze(new IllegalStateException(failure));

        assertThat(analysis.getDescription())
                .isEqualTo("The model could not be loaded: model directory file /m/model.txt is missing");
        assertThat(analysis.getAction()).contains("MODEL_DIR");
    }

    private static void start(Path modelDir, String... more) {
        List<String> args = new ArrayList<>(List.of("--explainer.model-dir=" + modelDir, "--server.port=0"));
        args.addAll(List.of(more));
        // The real application, as java -jar starts it; it must never get as far as listening.
        new SpringApplication(ExplainerApplication.class)
                .run(args.toArray(String[]::new))
                .close();
    }

    private Path copyOfTestModel() throws IOException {
        Path copy = temp.resolve("model");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(ModelFixture.directory())) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }
}
