package com.example.credit.explainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.example.credit.explainer.model.ModelLoadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;

/**
 * Model artifacts damaged the ways a copy or an upload damages them (cut off, emptied, overwritten with other
 * bytes, taken from another model or another schema version): the service must refuse to start and say which
 * file is wrong, never serve a partial model. Complements {@link StartupFailureTests}.
 */
class CorruptModelArtifactTests {

    @TempDir
    Path temp;

    /**
     * Cut inside the trees, up to just before LightGBM's {@code end of trees} line. (What follows that line, the
     * feature importances and the training parameters, is not needed to predict: a file that lost only that
     * tail still holds the whole model.)
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.01, 0.25, 0.5, 0.9, 0.999, 1.0})
    void refusesAModelTxtCutOffInsideItsTrees(double fraction) throws IOException {
        Path model = copyOfTestModel();
        String text = Files.readString(model.resolve("model.txt"), StandardCharsets.UTF_8);
        int endOfTrees = text.indexOf("end of trees");
        assertThat(endOfTrees).isPositive();
        Files.writeString(
                model.resolve("model.txt"), text.substring(0, (int) (endOfTrees * fraction)), StandardCharsets.UTF_8);

        assertThat(loadFailure(model))
                .hasMessageContaining(model.resolve("model.txt").toString());
    }

    @Test
    void refusesAModelTxtOverwrittenWithBinaryGarbage() throws IOException {
        Path model = copyOfTestModel();
        byte[] garbage = new byte[4096];
        new java.util.SplittableRandom(8).nextBytes(garbage);
        Files.write(model.resolve("model.txt"), garbage);

        assertThat(loadFailure(model))
                .hasMessageContaining(model.resolve("model.txt").toString());
    }

    @Test
    void refusesAModelTxtWhoseFeaturesAreNotTheManifests() throws IOException {
        Path model = copyOfTestModel();
        String text = Files.readString(model.resolve("model.txt"), StandardCharsets.UTF_8);
        Files.writeString(
                model.resolve("model.txt"),
                text.replaceFirst("feature_names=contact__has_telephone", "feature_names=contact__has_fax"),
                StandardCharsets.UTF_8);

        assertThat(loadFailure(model)).hasMessageContaining("contact__has_telephone");
    }

    @Test
    void refusesAManifestOfAnUnknownFormatVersion() throws IOException {
        Path model = copyOfTestModel();
        rewrite(model.resolve("model.json"), "\"format_version\" : 1", "\"format_version\" : 3");

        assertThat(loadFailure(model))
                .hasMessageContaining(model.resolve("model.json").toString())
                .hasMessageContaining("3");
    }

    @Test
    void refusesAManifestOfAnotherSchemaWithAFeatureLess() throws IOException {
        Path model = copyOfTestModel();
        String manifest = Files.readString(model.resolve("model.json"), StandardCharsets.UTF_8);
        Files.writeString(
                model.resolve("model.json"),
                manifest.replace("\"residence__type\"", "\"residence__kind\""),
                StandardCharsets.UTF_8);

        assertThat(loadFailure(model)).hasMessageContaining("model.json").hasMessageContaining("residence__");
    }

    @Test
    void refusesASchemaOfAnotherVersionBesideTheModel() throws IOException {
        Path model = copyOfTestModel();
        rewrite(model.resolve("data.schema.json"), "\"furniture\"", "\"furnishings\"");

        assertThat(loadFailure(model)).hasMessageContaining("credit__purpose");
    }

    @Test
    void refusesAnEmptyManifest() throws IOException {
        Path model = copyOfTestModel();
        Files.writeString(model.resolve("model.json"), "");

        assertThat(loadFailure(model))
                .hasMessageContaining(model.resolve("model.json").toString());
    }

    @Test
    void refusesAModelWithoutItsDataSchema() throws IOException {
        Path model = copyOfTestModel();
        Files.delete(model.resolve("data.schema.json"));

        assertThat(loadFailure(model))
                .hasMessageContaining(model.resolve("data.schema.json").toString());
    }

    private static void rewrite(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).as(file + " holds " + from).contains(from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    /** Starts the real application and returns the model failure that stopped it, wherever Spring wrapped it. */
    private static ModelLoadException loadFailure(Path modelDir) {
        try {
            new SpringApplication(ExplainerApplication.class)
                    .run("--explainer.model-dir=" + modelDir, "--server.port=0", "--server.address=127.0.0.1")
                    .close();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ModelLoadException failure) {
                    return failure;
                }
            }
            throw new AssertionError("start-up failed without a ModelLoadException", e);
        }
        return fail("the service started with the damaged model directory " + modelDir);
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
