package com.example.credit.explainer.container;

import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
import com.example.credit.core.shap.TreeShap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * The reference for the container's answers: credit-core's own schema reader, encoder, model reader and TreeSHAP
 * run in the test's JVM on the very model directory that is mounted into the container, one row at a time (the
 * service explains a request's rows as one batch).
 */
final class InProcessEngine {

    private final FeatureCatalog catalog;
    private final FeatureEncoder encoder;
    private final LightGbmModel model;
    private final TreeShap shap;

    private InProcessEngine(FeatureCatalog catalog, LightGbmModel model) {
        this.catalog = catalog;
        this.encoder = new FeatureEncoder(catalog);
        this.model = model;
        this.shap = TreeShap.of(model);
    }

    static InProcessEngine load(Path modelDirectory) {
        FeatureCatalog catalog = FeatureCatalog.fromSchemas(
                read(modelDirectory.resolve("data.schema.json")), read(modelDirectory.resolve("label.schema.json")));
        return new InProcessEngine(catalog, LightGbmModel.read(modelDirectory.resolve("model.txt")));
    }

    FeatureCatalog catalog() {
        return catalog;
    }

    /** One application's explanation: contributions in model feature order, the expected value last. */
    Explanation explain(JsonNode application) {
        double[] row = encoder.encode(application);
        return new Explanation(shap.contributions(row), model.predictRaw(row), model.predictProbability(row));
    }

    /**
     * @param contributions φ per feature in model order, then the expected value (LightGBM's pred_contrib layout)
     * @param rawScore the log-odds score of the trees
     * @param prediction the probability of default
     */
    record Explanation(double[] contributions, double rawScore, double prediction) {

        double expectedValue() {
            return contributions[contributions.length - 1];
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
