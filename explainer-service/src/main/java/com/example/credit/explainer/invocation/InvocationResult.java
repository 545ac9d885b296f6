package com.example.credit.explainer.invocation;

import java.util.Objects;

/**
 * The response of one invocation, ready to send.
 *
 * @param body the encoded response body
 * @param mediaType the response's Content-Type
 * @param records how many records were explained
 */
public record InvocationResult(byte[] body, String mediaType, int records) {

    public InvocationResult {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(mediaType, "mediaType");
        if (records < 1) {
            throw new IllegalArgumentException("an invocation result covers at least one record, not " + records);
        }
    }
}
