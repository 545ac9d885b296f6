package com.example.credit.training.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.testsupport.container.ContainerImage;
import com.example.credit.testsupport.container.ImageArchive;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The training image as SageMaker runs it ({@code docker run <image> train}), read from the tar that the jib
 * buildTar execution of the process-test-classes phase writes: FROM scratch in a plain build (configuration and
 * application only), on the local JRE base when the build is given {@code -Dimage.local.base}. Real images are
 * built on {@code training.base.image} with jib:build.
 */
class TrainingImageTests {

    private static final Path JIB_OUTPUT = Path.of("target", "jib-image");

    private static ImageArchive image;

    @BeforeAll
    static void readImage() {
        image = ImageArchive.read(JIB_OUTPUT.resolve("image.tar"));
    }

    @Test
    void entrypointIsTheTrainScriptSoThatTrainWorksAsFirstArgument() {
        assertThat(image.config().entrypoint()).containsExactly("/app/bin/train");
        assertThat(image.config().cmd()).containsExactly("train");
    }

    @Test
    void trainScriptIsExecutableAndStartsTrainCommand() {
        assertThat(image.mode("/app/bin/train") & 0111).isEqualTo(0111);
        assertThat(image.readString("/app/bin/train"))
                .startsWith("#!/bin/sh\n")
                .contains("-cp \"/app/resources:/app/classes:/app/libs/*\"")
                .contains("com.example.credit.training.cli.TrainCommand \"$@\"");
    }

    @Test
    void trainScriptChecksForLightGbmsOpenMpRuntimeBeforeStartingTheJvm() {
        String script = image.readString("/app/bin/train");

        assertThat(script).contains("libgomp.so.1").contains("output/failure");
        assertThat(script.indexOf("if ! has_libgomp")).isPositive().isLessThan(script.indexOf("exec java"));
    }

    @Test
    void applicationLayersHoldTheClassesAndLibrariesTheScriptPutsOnTheClassPath() {
        assertThat(image.hasFile("/app/classes/com/example/credit/training/cli/TrainCommand.class"))
                .isTrue();
        assertThat(image.paths())
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

    @Test
    void imageJsonBesideTheTarNamesThisImage() {
        // Other modules' container tests take image.tar and image.json as this module's artifacts, and
        // ContainerImage runs the image by the id image.json gives.
        ContainerImage described = ContainerImage.fromJibOutput(JIB_OUTPUT);

        assertThat(described.imageId()).isEqualTo(image.imageId());
        assertThat(described.repository()).isEqualTo("credit-training");
        assertThat(image.repoTags())
                .containsExactly("credit-training:" + image.config().labels().get("org.opencontainers.image.version"));
    }
}
