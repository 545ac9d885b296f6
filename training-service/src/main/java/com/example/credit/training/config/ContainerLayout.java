package com.example.credit.training.config;

import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingException.Reason;
import com.example.credit.training.TrainingRequest;
import com.example.credit.training.data.ChannelLayout;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The SageMaker training container's folders under one root ({@code /opt/ml} in the container, any folder
 * locally): {@code input/config}, {@code input/data/<channel>}, {@code model}, {@code output/failure}.
 *
 * @param root the folder standing in for {@code /opt/ml}
 */
public record ContainerLayout(Path root) {

    /** The root SageMaker uses. */
    public static final Path DEFAULT_ROOT = Path.of("/opt/ml");

    public ContainerLayout {
        Objects.requireNonNull(root, "root");
    }

    /** {@code input/config}: hyperparameters.json, inputdataconfig.json, resourceconfig.json. */
    public Path configDir() {
        return root.resolve("input").resolve("config");
    }

    /** {@code input/data}: one folder per channel. */
    public Path dataDir() {
        return root.resolve("input").resolve("data");
    }

    /** {@code model}: SageMaker uploads its content as model.tar.gz when the job succeeds. */
    public Path modelDir() {
        return root.resolve("model");
    }

    /** {@code output/failure}: SageMaker shows its first 1024 characters as the job's failure reason. */
    public Path failureFile() {
        return root.resolve("output").resolve("failure");
    }

    /**
     * Reads the config files and turns them into a training request.
     *
     * @throws TrainingException when a config file is malformed, a hyperparameter
     *     is invalid or a required channel is not declared
     */
    public TrainingRequest request() {
        ContainerConfig config = ContainerConfig.read(configDir());
        Hyperparameters hyperparameters = Hyperparameters.parse(config.hyperparameters());
        for (Channel channel : PreparedLayout.TRAINING_CHANNELS) {
            if (!config.declares(channel.folder())) {
                throw new TrainingException(
                        Reason.MISSING_CHANNEL,
                        "channel " + channel + " is not declared in "
                                + ContainerConfig.INPUT_DATA_CONFIG_FILE + " (declared: "
                                + config.channels().keySet().stream().sorted().toList() + "); the job needs "
                                + PreparedLayout.TRAINING_CHANNELS);
            }
        }
        return new TrainingRequest(new ChannelLayout(dataDir()), modelDir(), hyperparameters);
    }
}
