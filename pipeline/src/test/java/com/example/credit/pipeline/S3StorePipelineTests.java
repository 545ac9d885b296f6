package com.example.credit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3StorePipelineTests {

    @TempDir
    Path work;

    @Test
    void runsDatagenAndTheEtlThroughTheEmbeddedS3StoreAndTrainsOnTheCopiedChannels() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PipelineOptions options = new PipelineOptions(
                "synthetic",
                OptionalLong.of(300),
                11,
                work,
                PipelineOptions.Store.S3,
                PipelineOptions.Runtime.IN_PROCESS);

        PipelineSummary summary = new Pipeline(new PrintStream(buffer, true, StandardCharsets.UTF_8)).run(options);

        assertThat(summary.rawLocation()).isEqualTo("s3://credit-pipeline/raw");
        assertThat(summary.trainRows() + summary.testRows()).isEqualTo(300);
        assertThat(buffer.toString(StandardCharsets.UTF_8))
                .contains("starting an S3-compatible store", "from s3a://credit-pipeline/prepared");
        // The raw datasets exist only in the store, and the store kept them (with datagen's manifest last).
        assertThat(work.resolve("raw")).doesNotExist();
        try (var stored = Files.walk(work.resolve("s3-store"))) {
            assertThat(stored.filter(path -> path.endsWith("objectMetadata.json"))
                            .map(S3StorePipelineTests::read))
                    .anyMatch(metadata -> metadata.contains("raw/credits/credits.csv"))
                    .anyMatch(metadata -> metadata.contains("raw/_SUCCESS"))
                    .anyMatch(metadata -> metadata.contains("prepared/data_train/part-00000.json"));
        }
        assertThat(work.resolve("prepared/data_train")).isDirectory();
        assertThat(work.resolve("prepared/_SUCCESS")).isRegularFile();
        assertThat(work.resolve("model/model.json")).isRegularFile();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
