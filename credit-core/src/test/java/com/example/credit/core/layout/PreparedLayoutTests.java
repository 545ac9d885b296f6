package com.example.credit.core.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.core.layout.PreparedLayout.Channel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparedLayoutTests {

    @TempDir
    Path root;

    @Test
    void channelFoldersAreTheEtlOutputNamesWhichAreAlsoTheTrainingChannelNames() {
        assertThat(Arrays.stream(Channel.values()).map(Channel::folder))
                .containsExactly(
                        "schemas",
                        "data_train",
                        "label_train",
                        "protected_train",
                        "data_test",
                        "label_test",
                        "protected_test",
                        "groups_train");
        assertThat(new PreparedLayout(root).folder(Channel.LABEL_TEST)).isEqualTo(root.resolve("label_test"));
        assertThat(new PreparedLayout(root).success()).isEqualTo(root.resolve("_SUCCESS"));
    }

    @Test
    void trainingNeverReadsTheProtectedAttributes() {
        assertThat(PreparedLayout.TRAINING_CHANNELS)
                .doesNotContain(Channel.PROTECTED_TRAIN, Channel.PROTECTED_TEST, Channel.GROUPS_TRAIN)
                .containsExactly(
                        Channel.SCHEMAS,
                        Channel.DATA_TRAIN,
                        Channel.LABEL_TRAIN,
                        Channel.DATA_TEST,
                        Channel.LABEL_TEST);
    }

    @Test
    void dataFilesAreSortedByNameAndSkipMarkersChecksumsAndSubfolders() throws IOException {
        Path folder = Files.createDirectories(new PreparedLayout(root).folder(Channel.DATA_TRAIN));
        for (String name : new String[] {"part-00010.json", "_SUCCESS", ".part-00000.json.crc", "part-00002.json"}) {
            Files.writeString(folder.resolve(name), "{}\n");
        }
        Files.createDirectories(folder.resolve("part-00005.json"));

        assertThat(new PreparedLayout(root).dataFiles(Channel.DATA_TRAIN))
                .containsExactly(folder.resolve("part-00002.json"), folder.resolve("part-00010.json"));
        assertThat(PreparedLayout.isDataFile("_rejections.json")).isFalse();
        assertThat(PreparedLayout.isDataFile("part-00000.json")).isTrue();
    }

    @Test
    void listingAMissingChannelFailsWithTheFolderInTheMessage() {
        assertThatThrownBy(() -> new PreparedLayout(root).dataFiles(Channel.DATA_TEST))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("data_test");
    }
}
