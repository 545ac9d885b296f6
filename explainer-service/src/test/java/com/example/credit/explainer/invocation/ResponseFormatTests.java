package com.example.credit.explainer.invocation;

import static com.example.credit.explainer.invocation.ExplanationFormat.CLARIFY;
import static com.example.credit.explainer.invocation.ExplanationFormat.STANDARD;
import static com.example.credit.explainer.invocation.RequestFormat.CSV;
import static com.example.credit.explainer.invocation.RequestFormat.JSON;
import static com.example.credit.explainer.invocation.RequestFormat.JSON_LINES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResponseFormatTests {

    @Test
    void answersLikeTheRequestWithoutAnAcceptHeader() {
        assertThat(ResponseFormat.negotiate(null, JSON, STANDARD)).isEqualTo(ResponseFormat.JSON);
        assertThat(ResponseFormat.negotiate("", CSV, STANDARD)).isEqualTo(ResponseFormat.JSON);
        assertThat(ResponseFormat.negotiate(null, JSON_LINES, STANDARD)).isEqualTo(ResponseFormat.JSON_LINES);
        assertThat(ResponseFormat.negotiate("*/*", JSON_LINES, STANDARD)).isEqualTo(ResponseFormat.JSON_LINES);
    }

    @Test
    void followsQualityThenOrder() {
        assertThat(ResponseFormat.negotiate("application/json;q=0.5, application/jsonlines", JSON, STANDARD))
                .isEqualTo(ResponseFormat.JSON_LINES);
        assertThat(ResponseFormat.negotiate("text/html, application/json, application/jsonlines", CSV, STANDARD))
                .isEqualTo(ResponseFormat.JSON);
        assertThat(ResponseFormat.negotiate("application/jsonlines;q=0, */*;q=0.1", JSON_LINES, STANDARD))
                .isEqualTo(ResponseFormat.JSON_LINES);
    }

    @Test
    void answersTheClarifyShapeInJsonOnly() {
        assertThat(ResponseFormat.negotiate(null, JSON_LINES, CLARIFY)).isEqualTo(ResponseFormat.JSON);
        assertThatThrownBy(() -> ResponseFormat.negotiate("application/jsonlines", JSON, CLARIFY))
                .isInstanceOf(NotAcceptableException.class)
                .hasMessageContaining("the Clarify shape is JSON only");
    }

    @Test
    void refusesAnAcceptHeaderWithNothingItCanWrite() {
        assertThatThrownBy(() -> ResponseFormat.negotiate("text/csv, application/xml", JSON, STANDARD))
                .isInstanceOf(NotAcceptableException.class)
                .hasMessage("Accept 'text/csv, application/xml' allows none of the response types this service"
                        + " writes: application/json, application/jsonlines");
        assertThatThrownBy(() -> ResponseFormat.negotiate("application/json;q=high", JSON, STANDARD))
                .isInstanceOf(NotAcceptableException.class)
                .hasMessageContaining("quality 'high'");
    }
}
