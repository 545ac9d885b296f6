package com.example.credit.training.data;

import static com.example.credit.training.TrainingFailures.hasReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelLayoutTests {

    @TempDir
    Path root;

    @Test
    void listsPartFilesInNameOrderSkippingMarkersAndHiddenFiles() throws IOException {
        Path channel = Files.createDirectories(root.resolve("data_train"));
        for (String name : new String[] {"part-00010.json", "_SUCCESS", ".part-00001.json.crc", "part-00001.json"}) {
            Files.writeString(channel.resolve(name), "");
        }
        Files.createDirectories(channel.resolve("part-00005.json"));

        assertThat(new ChannelLayout(root).partFiles(Channel.DATA_TRAIN))
                .extracting(path -> path.getFileName().toString())
                .containsExactly("part-00001.json", "part-00010.json");
    }

    @Test
    void rejectsAChannelWithoutDataFiles() throws IOException {
        Files.writeString(Files.createDirectories(root.resolve("data_test")).resolve("_SUCCESS"), "");

        assertThatThrownBy(() -> new ChannelLayout(root).partFiles(Channel.DATA_TEST))
                .isInstanceOfSatisfying(TrainingException.class, hasReason(Reason.MISSING_CHANNEL))
                .hasMessageStartingWith("channel data_test holds no data file in ");
    }
}
