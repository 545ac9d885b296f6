package com.example.credit.explainer;

import static com.example.credit.explainer.HttpSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
import com.example.credit.core.shap.InterventionalShap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code explanation_method=interventional}: the served values against each reference population of the golden model
 * are those of credit-core's {@link InterventionalShap} run here on the same {@code model.txt} and on the rows of the
 * reference file as this test reads them, bit for bit; they add up to the prediction; reasons follow them; bad options
 * get a 400 that names the rule.
 */
class InterventionalEndpointTests extends ServiceTestBase {

    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();
    private static final FeatureEncoder ENCODER = new FeatureEncoder(CATALOG);
    private static final String CUSTOM_ATTRIBUTES = "X-Amzn-SageMaker-Custom-Attributes";
    private static final Map<String, InterventionalShap> DIRECT = new ConcurrentHashMap<>();

    /**
     * Interventional TreeSHAP against a reference file of the golden model, built here: the rows read from the file
     * with the features in the order model.json lists them, {@code null} as NaN.
     */
    private static InterventionalShap direct(String reference) {
        return DIRECT.computeIfAbsent(reference, name -> {
            Path model = ModelFixture.directory();
            try {
                JsonNode manifest = json(Files.readString(model.resolve("model.json")));
                List<String> features = new ArrayList<>();
                manifest.get("features").forEach(f -> features.add(f.get("name").asString()));
                String file = null;
                for (JsonNode entry : manifest.get("references")) {
                    if (entry.get("name").asString().equals(name)) {
                        file = entry.get("file").asString();
                    }
                }
                List<double[]> rows = new ArrayList<>();
                for (String line : Files.readAllLines(model.resolve(file))) {
                    JsonNode row = json(line);
                    rows.add(features.stream()
                            .mapToDouble(f -> row.get(f).isNull()
                                    ? Double.NaN
                                    : row.get(f).asDouble())
                            .toArray());
                }
                return InterventionalShap.of(
                        LightGbmModel.read(model.resolve("model.txt")), rows.toArray(new double[0][]));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static JsonNode referenceEntry(String name) {
        try {
            JsonNode manifest = json(Files.readString(ModelFixture.directory().resolve("model.json")));
            for (JsonNode entry : manifest.get("references")) {
                if (entry.get("name").asString().equals(name)) {
                    return entry;
                }
            }
            throw new AssertionError("the golden model lists no reference set " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> invoke(String body, String contentType, String... headers) {
        List<String> all = new ArrayList<>(List.of("Content-Type", contentType));
        all.addAll(List.of(headers));
        return http().post("/invocations", body, all.toArray(String[]::new));
    }

    private static String array(List<ObjectNode> applications) {
        return applications.stream().map(ObjectNode::toString).collect(Collectors.joining(",", "[", "]"));
    }

    private static long bits(JsonNode number) {
        return Double.doubleToLongBits(number.asDouble());
    }

    @Test
    void servesTheValuesOfInterventionalShapAgainstTheNamedReferenceBitForBit() {
        List<ObjectNode> applications = ModelFixture.applications(25);
        InterventionalShap approved = direct("approved");
        LightGbmModel model = approved.model();
        int n = CATALOG.size();

        HttpResponse<String> response = invoke(
                array(applications),
                "application/json;entities=prediction,explanation_shap_values;explanation_method=interventional;"
                        + "reference=approved");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode results = json(response);
        assertThat(results).hasSize(25);
        for (int r = 0; r < applications.size(); r++) {
            double[] row = ENCODER.encode(applications.get(r));
            double[] logOdds = approved.contributions(row);
            double[] probability = approved.probabilityContributions(row);
            JsonNode shap = results.get(r).get("explanation_shap_values");
            JsonNode view = shap.get("probability_view");
            assertThat(shap.get("explanation_method").asString()).isEqualTo("interventional");
            assertThat(bits(shap.get("expected_value"))).isEqualTo(Double.doubleToLongBits(logOdds[n]));
            assertThat(bits(shap.get("raw_score"))).isEqualTo(Double.doubleToLongBits(model.predictRaw(row)));
            assertThat(bits(view.get("baseline"))).isEqualTo(Double.doubleToLongBits(probability[n]));
            assertThat(view.get("method").asString()).isEqualTo("interventional-probability/1");
            for (int i = 0; i < n; i++) {
                String name = CATALOG.names().get(i);
                assertThat(bits(shap.get("shap_values").get(name)))
                        .as("record %d, %s", r, name)
                        .isEqualTo(Double.doubleToLongBits(logOdds[i]));
                assertThat(bits(view.get("contributions").get(name)))
                        .as("record %d, %s on the probability scale", r, name)
                        .isEqualTo(Double.doubleToLongBits(probability[i]));
            }
        }
    }

    @Test
    void saysWhichReferenceItUsesWithItsRowsAndDigest() {
        JsonNode approved = json(invoke(
                        ModelFixture.applications(1).get(0).toString(),
                        "application/json;explanation_method=interventional;reference=approved"))
                .get("explanation_shap_values")
                .get("reference");

        assertThat(approved.get("name").asString()).isEqualTo("approved");
        assertThat(approved.get("rows").asInt()).isEqualTo(200);
        assertThat(approved.get("sha256").asString())
                .isEqualTo(referenceEntry("approved").get("sha256").asString());
        assertThat(approved.get("description").asString()).contains("credit__default=false");
    }

    @Test
    void explainsAgainstTheBackgroundWhenTheCustomAttributeNamesNoReference() {
        ObjectNode application = ModelFixture.applications(3).get(2);
        double[] expected = direct("background").contributions(ENCODER.encode(application));

        JsonNode result = json(invoke(
                        application.toString(),
                        "application/json",
                        CUSTOM_ATTRIBUTES,
                        "entities=explanation_shap_values;explanation_method=interventional"))
                .get("explanation_shap_values");

        assertThat(result.get("reference").get("name").asString()).isEqualTo("background");
        assertThat(result.get("reference").get("sha256").asString())
                .isEqualTo(referenceEntry("background").get("sha256").asString());
        for (int i = 0; i < CATALOG.size(); i++) {
            assertThat(bits(result.get("shap_values").get(CATALOG.names().get(i))))
                    .isEqualTo(Double.doubleToLongBits(expected[i]));
        }
    }

    @Test
    void addsUpToThePredictionOnBothScalesForEveryHeldOutApplication() {
        List<ObjectNode> applications = ModelFixture.applications();

        JsonNode results = json(invoke(
                array(applications),
                "application/json;entities=prediction,explanation_shap_values;explanation_method=interventional"));

        for (JsonNode result : results) {
            JsonNode shap = result.get("explanation_shap_values");
            double prediction = result.get("prediction").asDouble();
            double logOdds = shap.get("expected_value").asDouble();
            double probability = shap.get("probability_view").get("baseline").asDouble();
            for (String name : CATALOG.names()) {
                logOdds += shap.get("shap_values").get(name).asDouble();
                probability += shap.get("probability_view")
                        .get("contributions")
                        .get(name)
                        .asDouble();
            }
            assertThat(logOdds).isCloseTo(shap.get("raw_score").asDouble(), within(1e-9));
            assertThat(logOdds).isCloseTo(Math.log(prediction / (1 - prediction)), within(1e-9));
            assertThat(probability).isCloseTo(prediction, within(1e-12));
        }
    }

    @Test
    void answersOtherValuesThanPathDependentTreeShapForTheSameApplication() {
        String application = ModelFixture.applications(1).get(0).toString();

        JsonNode pathDependent = json(invoke(application, "application/json")).get("explanation_shap_values");
        JsonNode interventional = json(invoke(application, "application/json;explanation_method=interventional"))
                .get("explanation_shap_values");

        assertThat(pathDependent.get("explanation_method").asString()).isEqualTo("path_dependent");
        assertThat(pathDependent.has("reference")).isFalse();
        assertThat(pathDependent.get("probability_view").get("method").asString())
                .isEqualTo("secant-scaling/1");
        assertThat(interventional.get("raw_score").asDouble())
                .isEqualTo(pathDependent.get("raw_score").asDouble());
        assertThat(interventional.get("expected_value").asDouble())
                .isNotEqualTo(pathDependent.get("expected_value").asDouble());
        assertThat(CATALOG.names()).anySatisfy(name -> assertThat(
                        Math.abs(interventional.get("shap_values").get(name).asDouble()
                                - pathDependent.get("shap_values").get(name).asDouble()))
                .isGreaterThan(1e-6));
    }

    @Test
    void givesReasonsFromTheInterventionalValuesAndSaysSo() {
        for (ObjectNode application : ModelFixture.applications(10)) {
            JsonNode result = json(invoke(
                    application.toString(),
                    "application/json;entities=explanation_shap_values,reasons;explanation_method=interventional;"
                            + "reference=approved"));
            JsonNode shap = result.get("explanation_shap_values");
            JsonNode reasons = result.get("reasons");

            List<String> expected = CATALOG.names().stream()
                    .filter(name -> shap.get("shap_values").get(name).asDouble() > 0)
                    .sorted((a, b) -> Double.compare(
                            shap.get("shap_values").get(b).asDouble(),
                            shap.get("shap_values").get(a).asDouble()))
                    .limit(4)
                    .toList();
            List<String> given = new ArrayList<>();
            for (JsonNode reason : reasons.get("reasons")) {
                String feature = reason.get("feature").asString();
                given.add(feature);
                assertThat(bits(reason.get("shap_value")))
                        .isEqualTo(bits(shap.get("shap_values").get(feature)));
                assertThat(bits(reason.get("probability_contribution")))
                        .isEqualTo(bits(shap.get("probability_view")
                                .get("contributions")
                                .get(feature)));
            }
            assertThat(given).isEqualTo(expected);
            assertThat(reasons.get("explanation_method").asString()).isEqualTo("interventional");
            assertThat(reasons.get("reference").asString()).isEqualTo("approved");
        }
    }

    @Test
    void givesTheClarifyShapeTheInterventionalValues() {
        ObjectNode application = ModelFixture.applications(1).get(0);
        double[] expected = direct("approved").contributions(ENCODER.encode(application));

        JsonNode record = json(invoke(
                        application.toString(),
                        "application/json;explanation_format=clarify;explanation_method=interventional;"
                                + "reference=approved"))
                .get("explanations")
                .get("kernel_shap")
                .get(0);

        for (int i = 0; i < CATALOG.size(); i++) {
            assertThat(record.get(i).get("feature_header").asString())
                    .isEqualTo(CATALOG.names().get(i));
            assertThat(bits(record.get(i)
                            .get("attributions")
                            .get(0)
                            .get("attribution")
                            .get(0)))
                    .isEqualTo(Double.doubleToLongBits(expected[i]));
        }
    }

    @Test
    void refusesAnUnknownReferenceNamingTheKnownOnes() {
        HttpResponse<String> response = invoke(
                ModelFixture.applications(1).get(0).toString(),
                "application/json",
                CUSTOM_ATTRIBUTES,
                "explanation_method=interventional;reference=declined");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo("urn:credit-explainer:problem:unknown-reference");
        assertThat(problem.get("detail").asString())
                .isEqualTo("unknown reference 'declined'; this model's reference sets are background, approved");
        assertThat(problem.get("reference").asString()).isEqualTo("declined");
        assertThat(problem.get("known_references").values().stream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactly("background", "approved");
    }

    @Test
    void refusesAnUnknownMethodNamingTheMethods() {
        HttpResponse<String> response =
                invoke(ModelFixture.applications(1).get(0).toString(), "application/json;explanation_method=kernel");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("type").asString()).isEqualTo("urn:credit-explainer:problem:invalid-option");
        assertThat(json(response).get("detail").asString())
                .isEqualTo("explanation_method 'kernel' is not one of path_dependent, interventional");
    }

    @Test
    void refusesInteractionValuesWithTheInterventionalMethodNamingTheRule() {
        HttpResponse<String> response = invoke(
                ModelFixture.applications(1).get(0).toString(),
                "application/json;entities=prediction,explanation_shap_interaction_values;"
                        + "explanation_method=interventional");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("type").asString()).isEqualTo("urn:credit-explainer:problem:invalid-option");
        assertThat(json(response).get("detail").asString())
                .startsWith("explanation_shap_interaction_values cannot be combined with"
                        + " explanation_method=interventional")
                .contains("no exact interventional interaction values");
    }

    @Test
    void refusesARequestOverTheLimitOfInterventionalWorkNamingTheLimit() {
        long leaves = direct("background").model().forest().numLeaves();
        long maxRecords = 1_000_000_000L / (200 * leaves);
        String line = ModelFixture.applications(1).get(0).toString();
        String body = (line + "\n").repeat((int) maxRecords + 1);

        HttpResponse<String> response = invoke(body, "application/jsonlines;explanation_method=interventional");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo("urn:credit-explainer:problem:interventional-limit");
        assertThat(problem.get("detail").asString())
                .contains((maxRecords + 1) + " x 200 x " + leaves + " = " + (maxRecords + 1) * 200 * leaves
                        + " record-row-leaf walks, over the limit of 1000000000 a request"
                        + " (explainer.max-interventional-work")
                .endsWith("send at most " + maxRecords + " records a request against this reference");
        assertThat(problem.get("records").asLong()).isEqualTo(maxRecords + 1);
        assertThat(problem.get("reference_rows").asInt()).isEqualTo(200);
        assertThat(problem.get("max_interventional_work").asLong()).isEqualTo(1_000_000_000L);
        assertThat(problem.get("max_records").asLong()).isEqualTo(maxRecords);
    }

    @Test
    void describesTheMethodsAndReferenceSetsOnTheModelRoute() {
        JsonNode model = json(http().get("/model"));

        assertThat(model.get("explanation_methods").values().stream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactly("path_dependent", "interventional");
        long leaves = direct("background").model().forest().numLeaves();
        assertThat(model.get("leaves").asLong()).isEqualTo(leaves);
        assertThat(model.get("max_interventional_work").asLong()).isEqualTo(1_000_000_000L);
        JsonNode background = model.get("references").get(0);
        assertThat(background.get("name").asString()).isEqualTo("background");
        assertThat(background.get("rows").asInt()).isEqualTo(200);
        assertThat(background.get("max_records").asLong()).isEqualTo(1_000_000_000L / (200 * leaves));
        assertThat(bits(background.get("expected_value")))
                .isEqualTo(Double.doubleToLongBits(direct("background").expectedValue()));
        assertThat(bits(background.get("expected_probability")))
                .isEqualTo(Double.doubleToLongBits(direct("background").expectedProbability()));
        assertThat(model.get("references").get(1).get("name").asString()).isEqualTo("approved");
    }
}
