package com.example.credit.batch.local;

import com.example.credit.batch.job.BatchStrategy;

/**
 * What a container advises in {@code GET /execution-parameters}; each is {@code null} when it says nothing.
 *
 * @param maxConcurrentTransforms parallel requests the container can take
 * @param batchStrategy the strategy it prefers
 * @param maxPayloadInMB the largest body it accepts
 */
public record ExecutionParameters(
        Integer maxConcurrentTransforms, BatchStrategy batchStrategy, Integer maxPayloadInMB) {

    /** A container without the route. */
    public static final ExecutionParameters NONE = new ExecutionParameters(null, null, null);
}
