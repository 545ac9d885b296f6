package com.example.credit.explainer;

import com.example.credit.testsupport.golden.GoldenBundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The model every test explains: credit-test-support's golden bundle, the model training-service makes from the
 * Statlog fixture (default hyperparameters, seed 42), with the fixture's 200 held-out applications. Read, not
 * trained: these tests meet training only through its output.
 */
public final class ModelFixture {

    private ModelFixture() {}

    /** The model directory (model.txt, model.json, data.schema.json, label.schema.json); copy it to change it. */
    public static Path directory() {
        return GoldenBundle.modelDir();
    }

    /** Every application of the held-out test split, as the service receives them (new nodes on every call). */
    public static List<ObjectNode> applications() {
        return new ArrayList<>(GoldenBundle.testApplications());
    }

    /** The first {@code count} applications of the held-out test split, as the service receives them. */
    public static List<ObjectNode> applications(int count) {
        List<ObjectNode> applications = applications();
        if (count > applications.size()) {
            throw new IllegalArgumentException("the test split has " + applications.size() + " rows, not " + count);
        }
        return new ArrayList<>(applications.subList(0, count));
    }
}
