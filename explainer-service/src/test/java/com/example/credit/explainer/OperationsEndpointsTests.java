package com.example.credit.explainer;

import static com.example.credit.explainer.HttpSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.core.schema.FeatureCatalog;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Health probes, metrics, the OpenAPI description and the model description the page is built from. */
class OperationsEndpointsTests extends ServiceTestBase {

    @Test
    void reportsLivenessAndReadinessWithTheLoadedModel() {
        assertThat(json(http().get("/actuator/health/liveness")).get("status").asString())
                .isEqualTo("UP");
        JsonNode readiness = json(http().get("/actuator/health/readiness"));

        assertThat(readiness.get("status").asString()).isEqualTo("UP");
        JsonNode model = readiness.get("components").get("model");
        assertThat(model.get("status").asString()).isEqualTo("UP");
        assertThat(model.get("details").get("features").asInt()).isEqualTo(20);
    }

    @Test
    void timesInvocationsTaggedByTheEntitySet() {
        String application = ModelFixture.applications(1).get(0).toString();
        http().post("/invocations", application, "Content-Type", "application/json;entities=features");
        http().post("/invocations", application, "Content-Type", "application/json;entities=features");

        HttpResponse<String> response = http().get(
                        "/actuator/metrics/explainer.invocations?tag=entities:features&tag=outcome:success&tag=format:json");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode count = json(response)
                .get("measurements")
                .valueStream()
                .filter(m -> m.get("statistic").asString().equals("COUNT"))
                .findFirst()
                .orElseThrow();
        assertThat(count.get("value").asDouble()).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void tagsInvocationsWithTheExplanationMethod() {
        String application = ModelFixture.applications(1).get(0).toString();
        http().post("/invocations", application, "Content-Type", "application/json;entities=reasons");
        http().post(
                        "/invocations",
                        application,
                        "Content-Type",
                        "application/json;entities=reasons",
                        "X-Amzn-SageMaker-Custom-Attributes",
                        "explanation_method=interventional");

        for (String method : List.of("path_dependent", "interventional")) {
            HttpResponse<String> response = http().get("/actuator/metrics/explainer.invocations?tag=entities:reasons"
                    + "&tag=outcome:success&tag=method:" + method);

            assertThat(response.statusCode()).as(method).isEqualTo(200);
            assertThat(json(response)
                            .get("measurements")
                            .valueStream()
                            .filter(m -> m.get("statistic").asString().equals("COUNT"))
                            .findFirst()
                            .orElseThrow()
                            .get("value")
                            .asDouble())
                    .as(method)
                    .isGreaterThanOrEqualTo(1.0);
        }
        assertThat(json(http().get("/actuator/metrics/explainer.invocations"))
                        .get("availableTags")
                        .valueStream()
                        .map(tag -> tag.get("tag").asString()))
                .contains("entities", "format", "method", "outcome");
    }

    @Test
    void describesTheSageMakerRoutesInOpenApi() {
        JsonNode api = json(http().get("/v3/api-docs"));

        assertThat(api.get("openapi").asString()).startsWith("3.");
        assertThat(api.get("paths").propertyNames())
                .contains("/ping", "/invocations", "/execution-parameters", "/model", "/model/example-application");
        assertThat(api.get("paths")
                        .get("/invocations")
                        .get("post")
                        .get("requestBody")
                        .get("content")
                        .propertyNames())
                .containsExactlyInAnyOrder("application/json", "application/jsonlines", "text/csv");
    }

    @Test
    void describesTheModelFeaturesFromTheStoredSchema() {
        JsonNode model = json(http().get("/model"));

        assertThat(model.get("features").size()).isEqualTo(20);
        JsonNode purpose = model.get("features")
                .get(FeatureCatalog.standard().feature("credit__purpose").index());
        assertThat(purpose.get("title").asString()).isEqualTo("Purpose");
        assertThat(purpose.get("categories").size()).isEqualTo(11);
        assertThat(model.get("default_entities").asString()).isEqualTo("prediction,explanation_shap_values,reasons");
        assertThat(json(http().get("/model/schema")).get("properties").has("credit__purpose"))
                .isTrue();
    }

    @Test
    void servesAnExampleApplicationThatTheServiceAccepts() {
        String example = http().get("/model/example-application").body();

        assertThat(http().post("/invocations", example, "Content-Type", "application/json")
                        .statusCode())
                .isEqualTo(200);
    }
}
