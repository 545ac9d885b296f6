package com.example.credit.training.config;

import static com.example.credit.training.TrainingFailures.hasReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerConfigTests {

    @TempDir
    Path config;

    @Test
    void readsHyperparametersAsStringsAndTheDeclaredChannels() throws IOException {
        Files.writeString(config.resolve("hyperparameters.json"), "{\"seed\":\"3\",\"tree-max-depth\":6}");
        Files.writeString(config.resolve("inputdataconfig.json"), "{\"data_train\":{\"TrainingInputMode\":\"File\"}}");

        ContainerConfig read = ContainerConfig.read(config);

        assertThat(read.hyperparameters()).containsEntry("seed", "3").containsEntry("tree-max-depth", "6");
        assertThat(read.declares("data_train")).isTrue();
        assertThat(read.declares("data_test")).isFalse();
    }

    @Test
    void treatsMissingFilesAsEmptyForLocalRuns() {
        ContainerConfig read = ContainerConfig.read(config);

        assertThat(read.hyperparameters()).isEmpty();
        assertThat(read.declares("data_test")).isTrue();
    }

    @Test
    void rejectsPipeMode() throws IOException {
        Files.writeString(config.resolve("inputdataconfig.json"), "{\"data_train\":{\"TrainingInputMode\":\"Pipe\"}}");

        assertThatThrownBy(() -> ContainerConfig.read(config))
                .isInstanceOfSatisfying(TrainingException.class, hasReason(Reason.CONFIGURATION))
                .hasMessage("channel data_train uses TrainingInputMode 'Pipe'; this container reads files: use File"
                        + " or FastFile");
    }

    @Test
    void rejectsMoreThanOneHost() throws IOException {
        Files.writeString(config.resolve("resourceconfig.json"), "{\"hosts\":[\"algo-1\",\"algo-2\"]}");

        assertThatThrownBy(() -> ContainerConfig.read(config))
                .isInstanceOfSatisfying(TrainingException.class, hasReason(Reason.CONFIGURATION))
                .hasMessageStartingWith("the job runs on 2 hosts [algo-1, algo-2]");
    }

    @Test
    void rejectsMalformedJson() throws IOException {
        Files.writeString(config.resolve("hyperparameters.json"), "{\"seed\":");

        assertThatThrownBy(() -> ContainerConfig.read(config))
                .isInstanceOfSatisfying(TrainingException.class, hasReason(Reason.CONFIGURATION))
                .hasMessageContaining("hyperparameters.json is not valid JSON");
    }
}
