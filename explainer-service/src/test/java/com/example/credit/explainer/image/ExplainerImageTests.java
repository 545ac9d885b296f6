package com.example.credit.explainer.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.testsupport.container.ImageArchive;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The explainer image as SageMaker hosting runs it ({@code docker run <image> serve}), read from the tar that the
 * jib buildTar execution of the process-test-classes phase writes: FROM scratch in a plain build (configuration and
 * application only), on the local JRE base when the build is given {@code -Dimage.local.base}. Real images are
 * built on a JRE 17 base with jib:build.
 */
class ExplainerImageTests {

    private static ImageArchive image;

    @BeforeAll
    static void readImage() {
        image = ImageArchive.read(Path.of("target", "jib-image", "image.tar"));
    }

    @Test
    void entrypointStartsTheSpringBootApplicationAndServeIsItsArgument() {
        assertThat(image.config().entrypoint())
                .startsWith("java")
                .contains("-XX:MaxRAMPercentage=75")
                .endsWith("-cp", "@/app/jib-classpath-file", "com.example.credit.explainer.ExplainerApplication");
        assertThat(image.config().cmd()).containsExactly("serve");
    }

    @Test
    void applicationLayersHoldTheMainClassAndTheClassPathFile() {
        assertThat(image.hasFile("/app/classes/com/example/credit/explainer/ExplainerApplication.class"))
                .isTrue();
        assertThat(image.readString("/app/jib-classpath-file")).contains("/app/libs/credit-core-");
        assertThat(image.paths()).anyMatch(path -> path.matches("app/libs/credit-core-.*\\.jar"));
    }

    @Test
    void exposesPort8080AndAcceptsSageMakersBindToPort() {
        assertThat(image.config().exposedPorts()).containsExactly("8080/tcp");
        assertThat(image.config().labels())
                .containsEntry("com.amazonaws.sagemaker.capabilities.accept-bind-to-port", "true")
                .containsEntry("org.opencontainers.image.title", "credit-explainer");
    }

    @Test
    void runsAsANonRootUserFromTheApplicationFolder() {
        assertThat(image.config().user()).isEqualTo("1000:1000");
        assertThat(image.config().workingDir()).isEqualTo("/app");
    }

    @Test
    void readsTheModelFromTheSageMakerModelFolder() {
        assertThat(image.config().env()).containsEntry("MODEL_DIR", "/opt/ml/model");
    }
}
