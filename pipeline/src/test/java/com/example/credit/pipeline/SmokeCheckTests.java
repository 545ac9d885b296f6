package com.example.credit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SmokeCheckTests {

    private static byte[] answer(double expected, double a, double b, double raw, double prediction) {
        return ("{\"prediction\":" + prediction + ",\"explanation_shap_values\":{\"expected_value\":" + expected
                        + ",\"raw_score\":" + raw + ",\"shap_values\":{\"credit__amount\":" + a
                        + ",\"credit__duration\":" + b + "}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void acceptsAnAnswerWhoseShapValuesAddUpToTheRawScore() {
        // -1.0 + 0.25 + 0.5 = -0.25
        SmokeCheck.Result result = SmokeCheck.check("endpoint e", answer(-1.0, 0.25, 0.5, -0.25, 0.4378));

        assertThat(result.features()).isEqualTo(2);
        assertThat(result.prediction()).isEqualTo(0.4378);
        assertThat(result.additivityError()).isZero();
        assertThat(result.describe()).startsWith("smoke call: prediction 0.4378 for the example application, 2 SHAP");
    }

    @Test
    void rejectsShapValuesThatDoNotAddUp() {
        // -1.0 + 0.25 + 0.5 = -0.25, not -0.2
        assertThatThrownBy(() -> SmokeCheck.check("endpoint e", answer(-1.0, 0.25, 0.5, -0.2, 0.45)))
                .isInstanceOf(PipelineException.class)
                .hasMessageStartingWith("endpoint e returned SHAP values that do not add up: expected_value + sum of"
                        + " 2 values = -0.25");
    }

    @Test
    void rejectsAnAnswerWithoutSHAPValuesOrWithAnImpossibleProbability() {
        assertThatThrownBy(
                        () -> SmokeCheck.check("endpoint e", "{\"prediction\":0.3}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PipelineException.class)
                .hasMessageStartingWith("endpoint e answered the smoke call without prediction and SHAP values");
        assertThatThrownBy(() -> SmokeCheck.check("endpoint e", answer(-1.0, 0.25, 0.5, -0.25, 1.5)))
                .isInstanceOf(PipelineException.class)
                .hasMessage("endpoint e predicted 1.5, not a probability in [0, 1]");
        assertThatThrownBy(() -> SmokeCheck.check("endpoint e", "<html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PipelineException.class)
                .hasMessageStartingWith("endpoint e answered the smoke call with invalid JSON");
    }
}
