package com.example.credit.explainer;

import static com.example.credit.explainer.HttpSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The explanations served over HTTP against LightGBM's own pred_contrib on the same model.txt. */
class ShapAgreementTests extends ServiceTestBase {

    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();
    private static LGBMBooster booster;
    private static List<ObjectNode> applications;
    private static int count;
    private static double[] rows;

    @BeforeAll
    static void loadLightGbm() throws Exception {
        booster = LGBMBooster.loadModelFromString(ModelFixture.modelText());
        applications = ModelFixture.applications();
        count = applications.size();
        FeatureEncoder encoder = new FeatureEncoder(CATALOG);
        rows = new double[count * CATALOG.size()];
        for (int r = 0; r < count; r++) {
            System.arraycopy(encoder.encode(applications.get(r)), 0, rows, r * CATALOG.size(), CATALOG.size());
        }
    }

    @AfterAll
    static void closeLightGbm() throws Exception {
        booster.close();
    }

    @Test
    void servesShapValuesEqualToLightGbmPredContribWithin1e9() throws Exception {
        int n = CATALOG.size();
        double[] contrib =
                booster.predictForMat(rows, count, n, true, PredictionType.C_API_PREDICT_CONTRIB, "num_threads=1");

        JsonNode results = explainAll();

        for (int r = 0; r < count; r++) {
            JsonNode explanation = results.get(r).get("explanation_shap_values");
            for (Feature feature : CATALOG.features()) {
                assertThat(explanation.get("shap_values").get(feature.name()).asDouble())
                        .as("row %d, %s", r, feature.name())
                        .isCloseTo(contrib[r * (n + 1) + feature.index()], within(1e-9));
            }
            assertThat(explanation.get("expected_value").asDouble()).isCloseTo(contrib[r * (n + 1) + n], within(1e-9));
        }
    }

    @Test
    void servesPredictionsEqualToLightGbm() throws Exception {
        double[] probabilities = booster.predictForMat(
                rows, count, CATALOG.size(), true, PredictionType.C_API_PREDICT_NORMAL, "num_threads=1");

        JsonNode results = explainAll();

        for (int r = 0; r < count; r++) {
            assertThat(results.get(r).get("prediction").asDouble()).isCloseTo(probabilities[r], within(1e-12));
        }
    }

    @Test
    void servesAdditiveExplanationsExpectedValuePlusShapValuesIsTheLogitOfThePrediction() {
        JsonNode results = explainAll();

        for (JsonNode result : results) {
            JsonNode explanation = result.get("explanation_shap_values");
            double sum = explanation.get("expected_value").asDouble();
            for (JsonNode value : explanation.get("shap_values")) {
                sum += value.asDouble();
            }
            double p = result.get("prediction").asDouble();
            assertThat(sum).isCloseTo(Math.log(p / (1 - p)), within(1e-9));
            assertThat(sum).isCloseTo(explanation.get("raw_score").asDouble(), within(1e-9));
        }
    }

    private JsonNode explainAll() {
        JsonNode results = json(http().post(
                        "/invocations",
                        InvocationEndpointTests.array(applications),
                        "Content-Type",
                        "application/json;entities=prediction,explanation_shap_values"));
        assertThat(results.size()).isEqualTo(count);
        return results;
    }
}
