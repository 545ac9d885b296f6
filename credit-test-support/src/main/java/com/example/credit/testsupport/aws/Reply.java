package com.example.credit.testsupport.aws;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** An HTTP answer: status, headers and body, built by a service and written by the {@link Dispatcher}. */
record Reply(int status, Map<String, String> headers, byte[] body) {

    Reply {
        headers = Map.copyOf(headers);
    }

    static Reply of(int status, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return new Reply(status, headers, body);
    }

    static Reply of(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A 200 answer of an awsJson1_1 service (Glue, SageMaker). */
    static Reply awsJson(JsonNode body) {
        return of(200, Protocol.AWS_JSON_1_1.contentType(), body.toString());
    }

    /** No body: {@code 202 Accepted} of an asynchronous Lambda invocation, {@code 204} of a dry run. */
    static Reply empty(int status) {
        return new Reply(status, Map.of(), new byte[0]);
    }

    Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, more, body);
    }
}
