package com.example.credit.explainer;

import static com.example.credit.explainer.HttpSupport.contentType;
import static com.example.credit.explainer.HttpSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.core.schema.FeatureCatalog;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code explanation_format=original}: the per-record shape of the original sample's container
 * ({@code {data, features, descriptions, prediction, explanation: {expected_value, shap_values,
 * shap_interaction_values: {labels, values}}}}), holding the very values of the standard shape.
 */
class OriginalFormatTests extends ServiceTestBase {

    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();
    private static final String ALL_ORIGINAL_ENTITIES =
            "data,features,descriptions,prediction,explanation_shap_values,explanation_shap_interaction_values";

    private HttpResponse<String> invoke(String body, String contentType) {
        return http().post("/invocations", body, "Content-Type", contentType);
    }

    private static List<String> fieldNames(JsonNode node) {
        return new ArrayList<>(node.propertyNames());
    }

    private static long bits(JsonNode number) {
        return Double.doubleToLongBits(number.asDouble());
    }

    @Test
    void answersOneApplicationInTheOriginalShapeWithTheValuesOfTheStandardOne() {
        ObjectNode application = ModelFixture.applications(1).get(0);
        JsonNode standard = json(invoke(application.toString(), "application/json;entities=" + ALL_ORIGINAL_ENTITIES));

        HttpResponse<String> response = invoke(
                application.toString(),
                "application/json;entities=" + ALL_ORIGINAL_ENTITIES + ";explanation_format=original");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(contentType(response)).startsWith("application/json");
        JsonNode original = json(response);
        assertThat(fieldNames(original))
                .containsExactly("data", "features", "descriptions", "prediction", "explanation");
        assertThat(original.get("data")).isEqualTo(application);
        assertThat(original.get("features")).isEqualTo(standard.get("features"));
        assertThat(bits(original.get("prediction"))).isEqualTo(bits(standard.get("prediction")));
        for (String name : CATALOG.names()) {
            assertThat(original.get("descriptions").get(name).asString())
                    .isEqualTo(standard.get("descriptions")
                            .get(name)
                            .get("description")
                            .asString());
        }
        JsonNode explanation = original.get("explanation");
        assertThat(fieldNames(explanation)).containsExactly("expected_value", "shap_values", "shap_interaction_values");
        JsonNode shap = standard.get("explanation_shap_values");
        assertThat(bits(explanation.get("expected_value"))).isEqualTo(bits(shap.get("expected_value")));
        assertThat(fieldNames(explanation.get("shap_values"))).containsExactlyElementsOf(CATALOG.names());
        for (String name : CATALOG.names()) {
            assertThat(bits(explanation.get("shap_values").get(name)))
                    .isEqualTo(bits(shap.get("shap_values").get(name)));
        }
        JsonNode interactions = explanation.get("shap_interaction_values");
        assertThat(fieldNames(interactions)).containsExactly("labels", "values");
        assertThat(interactions.get("labels").values().stream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactlyElementsOf(CATALOG.names());
        assertThat(interactions.get("values"))
                .isEqualTo(standard.get("explanation_shap_interaction_values").get("values"));
        for (int i = 0; i < CATALOG.size(); i++) {
            double rowSum = 0;
            for (JsonNode value : interactions.get("values").get(i)) {
                rowSum += value.asDouble();
            }
            assertThat(rowSum)
                    .as("row %d of the interaction values sums to the feature's SHAP value", i)
                    .isCloseTo(
                            explanation
                                    .get("shap_values")
                                    .get(CATALOG.names().get(i))
                                    .asDouble(),
                            within(1e-9));
        }
    }

    @Test
    void leavesOutTheReasonsTheOriginalDidNotHave() {
        JsonNode original = json(
                invoke(ModelFixture.applications(1).get(0).toString(), "application/json;explanation_format=original"));

        assertThat(fieldNames(original))
                .as("the default entities without reasons")
                .containsExactly("prediction", "explanation");
        assertThat(fieldNames(original.get("explanation"))).containsExactly("expected_value", "shap_values");
    }

    @Test
    void answersAnArrayAndJsonLinesRecordByRecordInTheOriginalShape() {
        List<ObjectNode> applications = ModelFixture.applications(3);
        String array = applications.stream().map(ObjectNode::toString).collect(Collectors.joining(",", "[", "]"));
        String lines = applications.stream().map(ObjectNode::toString).collect(Collectors.joining("\n", "", "\n"));

        JsonNode fromArray = json(invoke(array, "application/json;entities=prediction;explanation_format=original"));
        HttpResponse<String> fromLines =
                invoke(lines, "application/jsonlines;entities=prediction;explanation_format=original");

        assertThat(fromArray.isArray()).isTrue();
        assertThat(fromArray).hasSize(3).allSatisfy(record -> assertThat(fieldNames(record))
                .containsExactly("prediction"));
        assertThat(contentType(fromLines)).startsWith("application/jsonlines");
        List<JsonNode> records = fromLines.body().lines().map(HttpSupport::json).toList();
        assertThat(records).hasSize(3);
        for (int r = 0; r < 3; r++) {
            assertThat(bits(records.get(r).get("prediction")))
                    .isEqualTo(bits(fromArray.get(r).get("prediction")));
        }
    }

    @Test
    void saysWhichReferenceAnInterventionalExplanationIsRelativeTo() {
        String application = ModelFixture.applications(1).get(0).toString();
        JsonNode standard = json(invoke(
                        application, "application/json;explanation_method=interventional;" + "reference=approved"))
                .get("explanation_shap_values");

        JsonNode explanation = json(invoke(
                        application,
                        "application/json;explanation_format=original;explanation_method=interventional;"
                                + "reference=approved"))
                .get("explanation");

        assertThat(explanation.get("explanation_method").asString()).isEqualTo("interventional");
        assertThat(explanation.get("reference").get("name").asString()).isEqualTo("approved");
        assertThat(bits(explanation.get("expected_value"))).isEqualTo(bits(standard.get("expected_value")));
        for (String name : CATALOG.names()) {
            assertThat(bits(explanation.get("shap_values").get(name)))
                    .isEqualTo(bits(standard.get("shap_values").get(name)));
        }
    }
}
