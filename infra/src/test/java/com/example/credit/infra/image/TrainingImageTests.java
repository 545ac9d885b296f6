package com.example.credit.infra.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The training image as SageMaker runs it ({@code docker run <image> train}). The tar is built FROM scratch by the
 * jib buildTar execution of the process-test-classes phase: it has no JRE and is only for checking the
 * configuration and the application files; real images are built on a JRE 17 base with jib:build.
 */
class TrainingImageTests {

    private static final Path TAR = Path.of("..", "training-service", "target", "jib-image", "image.tar");

    private static ImageArchive image;

    @BeforeAll
    static void readImage() {
        image = ImageArchive.read(TAR);
    }

    @Test
    void entrypointIsTheTrainScriptSoThatTrainWorksAsFirstArgument() {
        assertThat(image.config().entrypoint()).containsExactly("/app/bin/train");
        assertThat(image.config().cmd()).containsExactly("train");
    }

    @Test
    void trainScriptIsExecutableAndStartsTrainCommand() throws Exception {
        assertThat(image.mode("/app/bin/train") & 0111).isEqualTo(0111);
        String script = Files.readString(
                Path.of("..", "training-service", "src", "main", "container", "train"), StandardCharsets.UTF_8);
        assertThat(script)
                .contains("/app/resources:/app/classes:/app/libs/*")
                .contains("com.example.credit.training.cli.TrainCommand \"$@\"");
    }

    @Test
    void applicationLayersHoldTheClassesAndLibrariesTheScriptPutsOnTheClassPath() {
        assertThat(image.hasFile("/app/classes/com/example/credit/training/cli/TrainCommand.class"))
                .isTrue();
        assertThat(image.files().keySet())
                .anyMatch(path -> path.matches("app/libs/lightgbm4j-.*\\.jar"))
                .anyMatch(path -> path.matches("app/libs/credit-core-.*\\.jar"));
    }

    @Test
    void runsAsRootBecauseSageMakerMountsTheOutputFoldersRootOwned() {
        assertThat(image.config().user()).isEqualTo("root");
        assertThat(image.config().workingDir()).isEqualTo("/app");
    }

    @Test
    void leavesHalfTheMemoryOutsideTheHeapForLightGbm() {
        assertThat(image.config().env()).containsEntry("JAVA_OPTS", "-XX:MaxRAMPercentage=50");
    }

    @Test
    void exposesNoPortAndCarriesItsNameAndVersionLabels() {
        assertThat(image.config().exposedPorts()).isEmpty();
        assertThat(image.config().labels())
                .containsEntry("org.opencontainers.image.title", "credit-training")
                .containsKey("org.opencontainers.image.version");
    }
}
