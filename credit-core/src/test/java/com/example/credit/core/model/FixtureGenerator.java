package com.example.credit.core.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates the committed fixture {@code small-model.txt}: five trees of at most four leaves trained by
 * LightGBM 4.3 (LightGBM4j 4.3.0-1) on the seeded {@link Scenario#SMALL} data, with a categorical feature and a
 * feature with missing values. See the README.md beside the fixture for the command.
 */
public final class FixtureGenerator {

    static final String[] FEATURE_NAMES = {"amount", "rate", "purpose", "duration"};
    static final long SEED = 424_242L;
    static final String PARAMETERS = "num_leaves=4 learning_rate=0.3 min_data_in_leaf=15 categorical_feature=2"
            + " max_cat_to_onehot=2 min_data_per_group=10 cat_smooth=1";
    static final int TREES = 5;

    private FixtureGenerator() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: FixtureGenerator <output model.txt>");
        }
        TrainingData data = Scenario.SMALL.trainingData(SEED);
        try (LightGbmReference booster = LightGbmReference.train(data, FEATURE_NAMES, PARAMETERS, TREES)) {
            Files.writeString(Path.of(args[0]), booster.modelText(), StandardCharsets.UTF_8);
        }
    }
}
