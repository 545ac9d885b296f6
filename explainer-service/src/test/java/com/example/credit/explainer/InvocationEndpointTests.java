package com.example.credit.explainer;

import static com.example.credit.explainer.HttpSupport.contentType;
import static com.example.credit.explainer.HttpSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class InvocationEndpointTests extends ServiceTestBase {

    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();
    private static final String CUSTOM_ATTRIBUTES = "X-Amzn-SageMaker-Custom-Attributes";

    private final List<ObjectNode> applications = ModelFixture.applications(5);

    @Test
    void pingAnswers200OnceTheModelIsLoaded() {
        assertThat(http().get("/ping").statusCode()).isEqualTo(200);
    }

    @Test
    void executionParametersAdviseMultiRecordBatchesWithinThePayloadLimit() {
        JsonNode parameters = json(http().get("/execution-parameters"));

        assertThat(parameters.get("BatchStrategy").asString()).isEqualTo("MultiRecord");
        // Mini-batches of 1 MB, well inside the 6 MB the explainer accepts.
        assertThat(parameters.get("MaxPayloadInMB").asInt()).isEqualTo(1);
        assertThat(parameters.get("MaxConcurrentTransforms").asInt()).isPositive();
    }

    @Test
    void explainsOneJsonApplicationWithTheDefaultEntities() {
        HttpResponse<String> response = invoke(applications.get(0).toString(), "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).startsWith("application/json");
        JsonNode result = json(response);
        assertThat(fieldNames(result)).containsExactly("prediction", "explanation_shap_values", "reasons");
        assertThat(result.get("prediction").asDouble()).isStrictlyBetween(0.0, 1.0);
        assertThat(fieldNames(result.get("explanation_shap_values").get("shap_values")))
                .containsExactlyElementsOf(CATALOG.names());
    }

    @Test
    void explainsAJsonArrayRecordByRecordInRequestOrder() {
        JsonNode results = json(invoke(array(applications), "application/json"));

        assertThat(results.isArray()).isTrue();
        assertThat(results.size()).isEqualTo(applications.size());
        for (int i = 0; i < applications.size(); i++) {
            JsonNode single = json(invoke(applications.get(i).toString(), "application/json"));
            assertThat(results.get(i).get("prediction").asDouble())
                    .isEqualTo(single.get("prediction").asDouble());
        }
    }

    @Test
    void explainsJsonLinesAndAnswersInJsonLinesByDefault() {
        String body = applications.stream().map(ObjectNode::toString).collect(Collectors.joining("\n")) + "\n";

        HttpResponse<String> response = invoke(body, "application/jsonlines");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).startsWith("application/jsonlines");
        String[] lines = response.body().strip().split("\n");
        assertThat(lines).hasSize(applications.size());
        JsonNode array = json(invoke(array(applications), "application/json"));
        for (int i = 0; i < lines.length; i++) {
            assertThat(HttpSupport.json(lines[i]).get("prediction").asDouble())
                    .isEqualTo(array.get(i).get("prediction").asDouble());
        }
    }

    @Test
    void answersJsonLinesRequestsWithAJsonArrayWhenAcceptAsksForJson() {
        String body = applications.stream().map(ObjectNode::toString).collect(Collectors.joining("\n"));

        HttpResponse<String> response = http().post(
                        "/invocations", body, "Content-Type", "application/jsonlines", "Accept", "application/json");

        assertThat(contentType(response)).startsWith("application/json");
        assertThat(json(response).size()).isEqualTo(applications.size());
    }

    @Test
    void answersAJsonArrayAsJsonLinesWhenAcceptAsksForThem() {
        HttpResponse<String> response = http().post(
                        "/invocations",
                        array(applications),
                        "Content-Type",
                        "application/json",
                        "Accept",
                        "application/jsonlines");

        assertThat(contentType(response)).startsWith("application/jsonlines");
        assertThat(response.body().strip().split("\n")).hasSize(applications.size());
    }

    @Test
    void readsAnAcceptHeaderSentOnTwoLinesAsOneList() {
        HttpResponse<String> response = http().post(
                        "/invocations",
                        applications.get(0).toString(),
                        "Content-Type",
                        "application/json",
                        "Accept",
                        "image/png",
                        "Accept",
                        "application/jsonlines");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).startsWith("application/jsonlines");
    }

    @Test
    void explainsCsvRowsInSchemaOrderLikeTheSameJsonApplications() {
        String csv = applications.stream().map(InvocationEndpointTests::csvRow).collect(Collectors.joining("\n"));

        HttpResponse<String> response = invoke(csv, "text/csv;entities=prediction,data");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = json(response);
        JsonNode fromJson = json(invoke(array(applications), "application/json;entities=prediction"));
        for (int i = 0; i < applications.size(); i++) {
            assertThat(results.get(i).get("prediction").asDouble())
                    .isEqualTo(fromJson.get(i).get("prediction").asDouble());
            // Compared as JSON text: the CSV numbers are read as longs, the generated ones are ints.
            assertThat(results.get(i).get("data").toString())
                    .isEqualTo(applications.get(i).toString());
        }
    }

    @Test
    void skipsACsvHeaderLineOfTheFeatureNames() {
        String csv = String.join(",", CATALOG.names()) + "\n" + csvRow(applications.get(0)) + "\n";

        JsonNode results = json(invoke(csv, "text/csv;entities=prediction"));

        assertThat(results.size()).isEqualTo(1);
    }

    @Test
    void selectsEntitiesWithAContentTypeParameter() {
        ObjectNode application = applications.get(1);

        JsonNode result = json(invoke(application.toString(), "application/json; entities=data,features,descriptions"));

        assertThat(fieldNames(result)).containsExactly("data", "features", "descriptions");
        assertThat(result.get("data").toString()).isEqualTo(application.toString());
        double[] encoded = new FeatureEncoder(CATALOG).encode(application);
        for (Feature feature : CATALOG.features()) {
            assertThat(result.get("features").get(feature.name()).asDouble()).isEqualTo(encoded[feature.index()]);
            JsonNode description = result.get("descriptions").get(feature.name());
            assertThat(description.get("title").asString()).isEqualTo(feature.title());
            assertThat(description.get("description").asString()).isEqualTo(feature.description());
            assertThat(description.get("group").asString()).isEqualTo(feature.group());
        }
    }

    @Test
    void selectsEntitiesWithTheCustomAttributesHeader() {
        HttpResponse<String> response = http().post(
                        "/invocations",
                        applications.get(0).toString(),
                        "Content-Type",
                        "application/json",
                        CUSTOM_ATTRIBUTES,
                        "entities=prediction,reasons");

        assertThat(fieldNames(json(response))).containsExactly("prediction", "reasons");
    }

    @Test
    void prefersTheContentTypeParameterOverTheCustomAttribute() {
        HttpResponse<String> response = http().post(
                        "/invocations",
                        applications.get(0).toString(),
                        "Content-Type",
                        "application/json;entities=prediction",
                        CUSTOM_ATTRIBUTES,
                        "entities=data");

        assertThat(fieldNames(json(response))).containsExactly("prediction");
    }

    @Test
    void returnsInteractionValuesWhoseRowsSumToTheShapValues() {
        JsonNode result = json(invoke(
                applications.get(2).toString(),
                "application/json;entities=explanation_shap_values,explanation_shap_interaction_values"));

        JsonNode shap = result.get("explanation_shap_values").get("shap_values");
        JsonNode interactions = result.get("explanation_shap_interaction_values");
        assertThat(fieldNames(interactions)).contains("expected_value", "feature_names", "values");
        JsonNode matrix = interactions.get("values");
        assertThat(matrix.size()).isEqualTo(CATALOG.size());
        for (Feature feature : CATALOG.features()) {
            JsonNode row = matrix.get(feature.index());
            double sum = 0;
            for (int j = 0; j < CATALOG.size(); j++) {
                sum += row.get(j).asDouble();
                assertThat(row.get(j).asDouble())
                        .isCloseTo(matrix.get(j).get(feature.index()).asDouble(), within(1e-12));
            }
            assertThat(sum).isCloseTo(shap.get(feature.name()).asDouble(), within(1e-9));
        }
    }

    @Test
    void returnsTheTopReasonsTowardsDefaultStrongestFirstWithPlainLanguageTexts() {
        for (ObjectNode application : applications) {
            JsonNode result =
                    json(invoke(application.toString(), "application/json;entities=explanation_shap_values,reasons"));
            JsonNode shap = result.get("explanation_shap_values").get("shap_values");
            JsonNode reasons = result.get("reasons");

            assertThat(reasons.get("reason_method_version").asString()).isEqualTo("top-k-positive-shap/1");
            long positive =
                    shap.valueStream().filter(value -> value.asDouble() > 0).count();
            assertThat(reasons.get("reasons").size()).isEqualTo((int) Math.min(4, positive));
            double previous = Double.POSITIVE_INFINITY;
            for (JsonNode reason : reasons.get("reasons")) {
                String feature = reason.get("feature").asString();
                double value = reason.get("shap_value").asDouble();
                assertThat(value)
                        .isPositive()
                        .isLessThanOrEqualTo(previous)
                        .isEqualTo(shap.get(feature).asDouble());
                previous = value;
                assertThat(reason.get("text").asString())
                        .startsWith(CATALOG.feature(feature).title() + " is ")
                        .contains("raises the estimated probability of default")
                        .endsWith(CATALOG.feature(feature).meaning());
                assertThat(reason.get("value").toString())
                        .isEqualTo(application.get(feature).toString());
            }
        }
    }

    @Test
    void probabilityViewAddsUpFromTheBaselineToThePrediction() {
        JsonNode result = json(invoke(applications.get(3).toString(), "application/json"));

        JsonNode view = result.get("explanation_shap_values").get("probability_view");
        double sum = view.get("contributions")
                .valueStream()
                .mapToDouble(JsonNode::asDouble)
                .sum();
        assertThat(view.get("method").asString()).isEqualTo("secant-scaling/1");
        assertThat(view.get("prediction").asDouble())
                .isEqualTo(result.get("prediction").asDouble());
        assertThat(view.get("baseline").asDouble() + sum)
                .isCloseTo(result.get("prediction").asDouble(), within(1e-12));
        JsonNode shap = result.get("explanation_shap_values").get("shap_values");
        for (String name : CATALOG.names()) {
            assertThat(Math.signum(view.get("contributions").get(name).asDouble()))
                    .isEqualTo(Math.signum(shap.get(name).asDouble()));
        }
    }

    @Test
    void answersInTheClarifyShapeWhenAsked() {
        HttpResponse<String> response = http().post(
                        "/invocations",
                        array(applications.subList(0, 2)),
                        "Content-Type",
                        "application/json",
                        CUSTOM_ATTRIBUTES,
                        "explanation_format=clarify");

        JsonNode result = json(response);
        JsonNode standard = json(invoke(array(applications.subList(0, 2)), "application/json"));
        assertThat(result.get("version").asString()).isEqualTo("1.0");
        assertThat(result.get("predictions").get("content_type").asString()).isEqualTo("text/csv");
        String[] predictions =
                result.get("predictions").get("data").asString().strip().split("\n");
        assertThat(predictions).hasSize(2);
        JsonNode kernelShap = result.get("explanations").get("kernel_shap");
        assertThat(kernelShap.size()).isEqualTo(2);
        for (int r = 0; r < 2; r++) {
            assertThat(Double.parseDouble(predictions[r]))
                    .isEqualTo(standard.get(r).get("prediction").asDouble());
            JsonNode record = kernelShap.get(r);
            assertThat(record.size()).isEqualTo(CATALOG.size());
            for (Feature feature : CATALOG.features()) {
                JsonNode item = record.get(feature.index());
                assertThat(item.get("feature_header").asString()).isEqualTo(feature.name());
                assertThat(item.get("attributions")
                                .get(0)
                                .get("attribution")
                                .get(0)
                                .asDouble())
                        .isEqualTo(standard.get(r)
                                .get("explanation_shap_values")
                                .get("shap_values")
                                .get(feature.name())
                                .asDouble());
            }
        }
    }

    @Test
    void answersConcurrentRequestsExactlyLikeSequentialOnes() throws Exception {
        List<ObjectNode> many = ModelFixture.applications(40);
        String contentType = "application/json;entities=prediction,explanation_shap_values,reasons";
        List<String> sequential = new ArrayList<>();
        for (ObjectNode application : many) {
            sequential.add(invoke(application.toString(), contentType).body());
        }

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> concurrent = new ArrayList<>();
            for (ObjectNode application : many) {
                concurrent.add(pool.submit(
                        () -> invoke(application.toString(), contentType).body()));
            }
            for (int i = 0; i < many.size(); i++) {
                assertThat(concurrent.get(i).get()).isEqualTo(sequential.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<String> invoke(String body, String contentType) {
        return http().post("/invocations", body, "Content-Type", contentType);
    }

    static String array(List<ObjectNode> applications) {
        return applications.stream().map(ObjectNode::toString).collect(Collectors.joining(",", "[", "]"));
    }

    static String csvRow(ObjectNode application) {
        return CATALOG.names().stream()
                .map(name -> application.get(name).asString())
                .collect(Collectors.joining(","));
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
