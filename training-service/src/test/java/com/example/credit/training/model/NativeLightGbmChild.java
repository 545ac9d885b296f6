package com.example.credit.training.model;

import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.training.config.Hyperparameters;
import com.example.credit.training.data.LabelledRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A process of its own for {@link NativeLightGbmTests}: trains a small booster on seeded rows (LightGBM's libraries
 * are loaded once per JVM, so only a fresh JVM shows where they are extracted) and prints what the test checks.
 */
public final class NativeLightGbmChild {

    private NativeLightGbmChild() {}

    public static void main(String[] args) {
        LightGbmParameters parameters = LightGbmParameters.of(
                Hyperparameters.parse(Map.of("tree-n-estimators", "3", "tree-min-child-samples", "5")),
                FeatureCatalog.standard());
        int columns = parameters.featureNames().size();
        int rows = 200;
        Random random = new Random(7);
        double[] matrix = new double[rows * columns];
        boolean[] labels = new boolean[rows];
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                matrix[r * columns + c] = random.nextInt(4);
            }
            labels[r] = matrix[r * columns] + random.nextInt(3) > 2;
            ids.add("row-" + r);
        }
        try (TrainedBooster booster =
                TrainedBooster.train(new LabelledRows(ids, matrix, labels, columns), parameters)) {
            System.out.println("trained "
                    + booster.modelText()
                            .lines()
                            .filter(l -> l.startsWith("Tree="))
                            .count() + " trees");
        }
        System.out.println("java.io.tmpdir " + System.getProperty("java.io.tmpdir"));
    }
}
