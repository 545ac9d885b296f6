package com.example.credit.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployArtifactsTests {

    /** The project version, as the build passes it (the root pom's revision property). */
    private static final String VERSION = System.getProperty("project.version");

    @Test
    void defaultsPointAtTheSiblingModulesBuildOutput() {
        assertThat(VERSION)
                .as("system property project.version, set by the build")
                .isNotBlank();
        DeployArtifacts artifacts = DeployArtifacts.locate(key -> null);
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertThat(artifacts.datagenJar())
                .startsWith(root.resolve("datagen-lambda/target"))
                .hasFileName("datagen-lambda-" + VERSION + "-lambda.jar");
        assertThat(artifacts.etlJar())
                .startsWith(root.resolve("etl-glue-job/target"))
                .hasFileName("etl-glue-job-" + VERSION + "-job.jar");
        assertThat(artifacts.etlScript()).isEqualTo(root.resolve("etl-glue-job/src/main/glue/GlueApp.scala"));
    }

    @Test
    void contextOverridesEachLocation(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("other.jar"), "jar");
        DeployArtifacts artifacts = DeployArtifacts.locate(Map.<String, Object>of("datagenJar", jar.toString())::get);
        assertThat(artifacts.datagenJar()).isEqualTo(jar);
    }

    @Test
    void missingLambdaJarNamesTheModuleToBuild(@TempDir Path dir) {
        Path missing = dir.resolve("datagen-lambda-lambda.jar");
        assertThatThrownBy(() -> DeployArtifacts.locate(Map.<String, Object>of("datagenJar", missing.toString())::get))
                .isInstanceOf(MissingArtifactException.class)
                .hasMessage("datagen Lambda jar " + missing + " is missing: build module datagen-lambda first"
                        + " (./mvnw -B -pl datagen-lambda package, or the whole reactor from the root)");
    }

    @Test
    void missingGlueJarNamesTheEtlModule(@TempDir Path dir) {
        Path missing = dir.resolve("job.jar");
        assertThatThrownBy(() -> DeployArtifacts.locate(Map.<String, Object>of("etlJar", missing.toString())::get))
                .isInstanceOf(MissingArtifactException.class)
                .hasMessageContaining("ETL job jar " + missing + " is missing: build module etl-glue-job first");
    }
}
