package com.example.credit.training;

import com.example.credit.training.config.Hyperparameters;
import com.example.credit.training.data.ChannelLayout;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One training run: where the channels are, where the model goes and how to train.
 *
 * @param channels the input channels
 * @param modelDir the folder that receives model.txt, the schemas and model.json
 * @param hyperparameters the validated hyperparameters
 */
public record TrainingRequest(ChannelLayout channels, Path modelDir, Hyperparameters hyperparameters) {

    public TrainingRequest {
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(hyperparameters, "hyperparameters");
    }
}
