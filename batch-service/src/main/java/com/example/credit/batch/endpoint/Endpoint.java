package com.example.credit.batch.endpoint;

import java.util.Objects;
import java.util.Optional;

/**
 * An explainer behind the SageMaker hosting contract: one {@code /invocations} call with a body, its content type,
 * the wanted response type and the custom attributes ({@code entities=...}, as the explainer README documents).
 */
public interface Endpoint {

    /**
     * One request.
     *
     * @param body the records, in {@code contentType}
     * @param contentType for example {@code application/jsonlines}
     * @param accept the response type wanted, for example {@code application/jsonlines}
     * @param customAttributes the {@code X-Amzn-SageMaker-Custom-Attributes} value, if any
     */
    record Request(byte[] body, String contentType, String accept, Optional<String> customAttributes) {

        public Request {
            body = body.clone();
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(accept, "accept");
            Objects.requireNonNull(customAttributes, "customAttributes");
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /**
     * The answer.
     *
     * @param body the response body
     * @param contentType its content type as the endpoint declared it
     */
    record Response(byte[] body, String contentType) {

        public Response {
            body = body.clone();
            Objects.requireNonNull(contentType, "contentType");
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /**
     * Sends one request.
     *
     * @throws com.example.credit.batch.EndpointException naming the endpoint and what went wrong: the model's own
     *     error (status and message), an unknown endpoint, missing credentials, an unreachable host
     */
    Response invoke(Request request);

    /** What the endpoint is, for messages: {@code endpoint credit-explainer (SageMaker, eu-west-1)}. */
    String describe();
}
