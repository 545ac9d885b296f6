package com.example.credit.pipeline.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.training.config.ContainerConfig;
import com.example.credit.training.config.Hyperparameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config a training container finds, read back by the training service's own reader. */
class TrainingJobFolderTests {

    @TempDir
    Path root;

    @Test
    void writesConfigThatTheTrainingContainerReadsAsTheSameJob() throws IOException {
        TrainingJobFolder job = new TrainingJobFolder(root);

        job.write(Map.of("seed", "42"), PreparedLayout.TRAINING_CHANNELS);

        ContainerConfig config = ContainerConfig.read(job.configDir());
        assertThat(config.hyperparameters()).containsExactly(Map.entry("seed", "42"));
        assertThat(Hyperparameters.parse(config.hyperparameters()))
                .isEqualTo(Hyperparameters.parse(Map.of("seed", "42")));
        assertThat(config.channels())
                .containsOnlyKeys(PreparedLayout.TRAINING_CHANNELS.stream()
                        .map(Channel::folder)
                        .toList())
                .containsValue("File");
        assertThat(config.hosts()).containsExactly("algo-1");
        assertThat(Files.readString(job.configDir().resolve("hyperparameters.json")))
                .isEqualTo("{\"seed\":\"42\"}");
        assertThat(job.outputDir()).isEmptyDirectory();
    }

    @Test
    void givesTheReasonAtTheTopOfTheFailureFileWithoutTheStackTrace() throws IOException {
        TrainingJobFolder job = new TrainingJobFolder(root);
        job.write(Map.of(), List.of(Channel.SCHEMAS));
        Files.writeString(job.failureFile(), "channel data_train is missing\n\njava.lang.Exception\n\tat a\n");

        assertThat(job.failureReason()).hasValue("channel data_train is missing");
    }

    @Test
    void givesAtMostTheFirstFiveLinesOfAFailureFileWithoutABlankLine() throws IOException {
        TrainingJobFolder job = new TrainingJobFolder(root);
        job.write(Map.of(), List.of(Channel.SCHEMAS));
        Files.writeString(job.failureFile(), "1\n2\n3\n4\n5\n6\n" + "x".repeat(2000));

        assertThat(job.failureReason()).hasValue("1\n2\n3\n4\n5");
    }

    @Test
    void hasNoFailureReasonWhenTheContainerWroteNone() {
        assertThat(new TrainingJobFolder(root).failureReason()).isEmpty();
    }
}
