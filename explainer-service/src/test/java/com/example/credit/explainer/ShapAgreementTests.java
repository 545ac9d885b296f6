package com.example.credit.explainer;

import static com.example.credit.explainer.HttpSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.testsupport.golden.GoldenBundle;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The explanations served over HTTP against LightGBM's own answers on the same model.txt: the prediction and
 * {@code pred_contrib} that credit-test-support's golden bundle stores for its 200 held-out rows (its guard checks
 * that LightGBM still gives exactly those).
 */
class ShapAgreementTests extends ServiceTestBase {

    private final List<ObjectNode> applications = GoldenBundle.testApplications();
    private final List<String> features = GoldenBundle.featureNames();

    @Test
    void servesShapValuesEqualToLightGbmPredContribWithin1e9() {
        double[][] contributions = GoldenBundle.lightGbmContributions();

        JsonNode results = explainAll();

        int n = features.size();
        for (int r = 0; r < applications.size(); r++) {
            JsonNode explanation = results.get(r).get("explanation_shap_values");
            assertThat(explanation.get("shap_values").propertyNames()).containsExactlyInAnyOrderElementsOf(features);
            for (int i = 0; i < n; i++) {
                assertThat(explanation.get("shap_values").get(features.get(i)).asDouble())
                        .as("row %d, %s", r, features.get(i))
                        .isCloseTo(contributions[r][i], within(1e-9));
            }
            assertThat(explanation.get("expected_value").asDouble()).isCloseTo(contributions[r][n], within(1e-9));
        }
    }

    @Test
    void servesPredictionsEqualToLightGbm() {
        double[] probabilities = GoldenBundle.lightGbmPredictions();

        JsonNode results = explainAll();

        for (int r = 0; r < applications.size(); r++) {
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
        assertThat(results.size()).isEqualTo(applications.size()).isEqualTo(200);
        return results;
    }
}
