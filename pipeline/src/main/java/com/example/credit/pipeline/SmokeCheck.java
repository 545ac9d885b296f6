package com.example.credit.pipeline;

import com.example.credit.batch.endpoint.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The first call to a served model, before anything depends on it: the example application of credit-core's schema
 * folder, asking for the prediction and the SHAP values, and checking that the answer is a probability and that the
 * SHAP values add up ({@code expected_value + Σφ = raw_score}, the explainer's exactness contract).
 */
final class SmokeCheck {

    /** The example application every README uses. */
    static final String EXAMPLE = "/com/example/credit/core/schema/example-application.json";

    /** Additivity holds to rounding of about twenty doubles; anything near this bound is a defect. */
    static final double TOLERANCE = 1e-9;

    private static final JsonMapper MAPPER = JsonMapper.shared();

    private SmokeCheck() {}

    /**
     * One outcome.
     *
     * @param prediction the probability of default of the example
     * @param features SHAP values returned
     * @param additivityError |expected_value + Σφ − raw_score|
     */
    record Result(double prediction, int features, double additivityError) {
        String describe() {
            return String.format(
                    Locale.ROOT,
                    "smoke call: prediction %.4f for the example application, %d SHAP values adding up to the raw"
                            + " score within %.1e",
                    prediction,
                    features,
                    additivityError);
        }
    }

    /**
     * Calls the endpoint once and checks the answer.
     *
     * @throws PipelineException naming what is wrong with the answer
     */
    static Result run(Endpoint endpoint) {
        Endpoint.Response response = endpoint.invoke(new Endpoint.Request(
                example(),
                "application/json;entities=prediction,explanation_shap_values",
                "application/json",
                Optional.empty()));
        return check(endpoint.describe(), response.body());
    }

    static Result check(String source, byte[] body) {
        JsonNode answer;
        try {
            answer = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new PipelineException(
                    source + " answered the smoke call with invalid JSON: " + e.getOriginalMessage());
        }
        JsonNode prediction = answer.path("prediction");
        JsonNode shap = answer.path("explanation_shap_values");
        if (!prediction.isNumber() || !shap.path("shap_values").isObject()) {
            throw new PipelineException(source + " answered the smoke call without prediction and SHAP values: "
                    + abbreviate(new String(body, java.nio.charset.StandardCharsets.UTF_8)));
        }
        double probability = prediction.asDouble();
        if (!(probability >= 0 && probability <= 1)) {
            throw new PipelineException(source + " predicted " + probability + ", not a probability in [0, 1]");
        }
        double sum = shap.path("expected_value").asDouble();
        int count = 0;
        for (Map.Entry<String, JsonNode> value : shap.path("shap_values").properties()) {
            sum += value.getValue().asDouble();
            count++;
        }
        double error = Math.abs(sum - shap.path("raw_score").asDouble());
        if (count == 0 || !(error <= TOLERANCE)) {
            throw new PipelineException(String.format(
                    Locale.ROOT,
                    "%s returned SHAP values that do not add up: expected_value + sum of %d values = %.17g, raw_score"
                            + " = %.17g (difference %.3e, allowed %.0e)",
                    source,
                    count,
                    sum,
                    shap.path("raw_score").asDouble(),
                    error,
                    TOLERANCE));
        }
        return new Result(probability, count, error);
    }

    private static byte[] example() {
        try (InputStream in = SmokeCheck.class.getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new PipelineException("the example application " + EXAMPLE + " is missing from credit-core");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new PipelineException("cannot read the example application: " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
