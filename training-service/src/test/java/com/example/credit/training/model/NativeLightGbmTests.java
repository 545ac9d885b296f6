package com.example.credit.training.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLightGbmTests {

    @Test
    void trainingLoadsLightGbmFromAPrivateFolderWithoutRewritingAnotherProcesssLibrary(@TempDir Path tmp)
            throws IOException, InterruptedException {
        // What another JVM extracted there and has mapped: LightGBM4j alone would write over it.
        Path othersLibrary = tmp.resolve("lib_lightgbm.so");
        Files.writeString(othersLibrary, "another process's library");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        Process child = new ProcessBuilder(
                        java.toString(),
                        "-Djava.io.tmpdir=" + tmp,
                        "-cp",
                        System.getProperty("java.class.path"),
                        NativeLightGbmChild.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.waitFor()).as(output).isZero();
        assertThat(output).contains("trained 3 trees").contains("java.io.tmpdir " + tmp);
        assertThat(Files.readString(othersLibrary)).isEqualTo("another process's library");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left)
                    .as("the private folder and its libraries are deleted")
                    .containsExactly(othersLibrary);
        }
    }
}
