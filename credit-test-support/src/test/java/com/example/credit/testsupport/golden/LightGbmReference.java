package com.example.credit.testsupport.golden;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * LightGBM's own answers for applications (through LightGBM4j, one thread): the predicted probability
 * ({@code C_API_PREDICT_NORMAL}) and {@code pred_contrib} ({@code C_API_PREDICT_CONTRIB}, one value per feature in
 * model order, the bias last). The rows are encoded from model.json alone, as its contract says training encoded
 * them: features in its order, a category as its position in the feature's list, a number as itself, a missing
 * value as NaN. (Deliberately not credit-core's encoder: the serving tests compare that one with these answers.)
 *
 * @param featureNames the features in model order
 * @param predictions one probability per application
 * @param contributions one row of {@code featureNames.size() + 1} values per application
 */
record LightGbmReference(List<String> featureNames, double[] predictions, double[][] contributions) {

    static LightGbmReference compute(String modelJson, String modelText, List<ObjectNode> applications)
            throws LGBMException {
        List<JsonNode> features = new ArrayList<>();
        JsonMapper.shared().readTree(modelJson).path("features").forEach(features::add);
        int columns = features.size();
        int count = applications.size();
        double[] matrix = new double[count * columns];
        for (int r = 0; r < count; r++) {
            for (int c = 0; c < columns; c++) {
                matrix[r * columns + c] = encode(features.get(c), applications.get(r));
            }
        }
        LGBMBooster booster = LGBMBooster.loadModelFromString(modelText);
        try {
            double[] predictions = booster.predictForMat(
                    matrix, count, columns, true, PredictionType.C_API_PREDICT_NORMAL, "num_threads=1");
            double[] flat = booster.predictForMat(
                    matrix, count, columns, true, PredictionType.C_API_PREDICT_CONTRIB, "num_threads=1");
            double[][] contributions = new double[count][];
            for (int r = 0; r < count; r++) {
                contributions[r] = Arrays.copyOfRange(flat, r * (columns + 1), (r + 1) * (columns + 1));
            }
            List<String> names = features.stream()
                    .map(feature -> feature.path("name").asString())
                    .toList();
            return new LightGbmReference(names, predictions, contributions);
        } finally {
            booster.close();
        }
    }

    private static double encode(JsonNode feature, ObjectNode application) {
        String name = feature.path("name").asString();
        JsonNode value = application.get(name);
        if (value == null || value.isNull()) {
            return Double.NaN;
        }
        if (!feature.path("kind").asString().equals("categorical")) {
            return value.asDouble();
        }
        List<String> categories = new ArrayList<>();
        feature.path("categories").forEach(category -> categories.add(category.asString()));
        int code = categories.indexOf(value.asString());
        if (code < 0) {
            throw new IllegalArgumentException(name + "='" + value.asString() + "' is none of " + categories);
        }
        return code;
    }
}
