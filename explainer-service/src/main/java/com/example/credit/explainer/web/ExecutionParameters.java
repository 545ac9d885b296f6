package com.example.credit.explainer.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * What {@code GET /execution-parameters} tells SageMaker Batch Transform, in its own key spelling.
 *
 * @param maxConcurrentTransforms how many requests Batch Transform may send at once
 * @param batchStrategy {@code MultiRecord}: several records per request
 * @param maxPayloadInMb the largest request body, in MB
 */
public record ExecutionParameters(
        @JsonProperty("MaxConcurrentTransforms") int maxConcurrentTransforms,
        @JsonProperty("BatchStrategy") String batchStrategy,
        @JsonProperty("MaxPayloadInMB") int maxPayloadInMb) {

    public ExecutionParameters {
        if (maxConcurrentTransforms < 1 || maxPayloadInMb < 1) {
            throw new IllegalArgumentException("execution parameters must be positive, got MaxConcurrentTransforms "
                    + maxConcurrentTransforms + " and MaxPayloadInMB " + maxPayloadInMb);
        }
        Objects.requireNonNull(batchStrategy, "batchStrategy");
    }
}
