package com.example.credit.training.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactPublisherTests {

    @TempDir
    Path temp;

    @Test
    void publishesEveryFileAndLeavesNoStagingFolderBehind() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("model.txt", "tree".getBytes(StandardCharsets.UTF_8));
        files.put("model.json", "{}".getBytes(StandardCharsets.UTF_8));

        ArtifactPublisher.publish(temp.resolve("model"), files);

        assertThat(Files.readString(temp.resolve("model/model.txt"))).isEqualTo("tree");
        assertThat(Files.readString(temp.resolve("model/model.json"))).isEqualTo("{}");
        try (Stream<Path> entries = Files.list(temp)) {
            assertThat(entries).containsExactly(temp.resolve("model"));
        }
    }

    @Test
    void replacesTheFilesOfAnEarlierModelInAnExistingFolder() throws IOException {
        Path model = Files.createDirectories(temp.resolve("model"));
        Files.writeString(model.resolve("model.txt"), "old");

        ArtifactPublisher.publish(model, Map.of("model.txt", "new".getBytes(StandardCharsets.UTF_8)));

        assertThat(Files.readString(model.resolve("model.txt"))).isEqualTo("new");
    }
}
