package com.example.credit.batch;

import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.training.PreparedDataFixture;
import com.example.credit.training.TrainingJob;
import com.example.credit.training.TrainingRequest;
import com.example.credit.training.config.Hyperparameters;
import com.example.credit.training.data.ChannelLayout;
import java.nio.file.Path;
import java.util.Map;

/**
 * Trains the test model once per test run with training-service's {@link TrainingJob} on generated prepared data
 * (400 training, 100 test rows, seed 7) into {@code target/test-model}.
 */
public final class TestModel {

    private static final Path ROOT = Path.of("target", "test-model").toAbsolutePath();
    private static boolean trained;

    private TestModel() {}

    /** The prepared data the model was trained on (its data_test and label_test serve as batch input and labels). */
    public static synchronized Path prepared() {
        train();
        return ROOT.resolve("prepared");
    }

    /** The model folder (model.txt, model.json, schemas). */
    public static synchronized Path directory() {
        train();
        return ROOT.resolve("model");
    }

    private static void train() {
        if (trained) {
            return;
        }
        Path prepared = ROOT.resolve("prepared");
        PreparedDataFixture.write(prepared);
        // Small and quick: the tests need a real model, not the best one.
        new TrainingJob(FeatureCatalog.standard(), line -> {})
                .run(new TrainingRequest(
                        new ChannelLayout(prepared),
                        ROOT.resolve("model"),
                        Hyperparameters.parse(Map.of("tree-n-estimators", "30", "cv-splits", "2"))));
        trained = true;
    }
}
