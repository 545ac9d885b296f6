package com.example.credit.explainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one bad request to {@code POST /invocations} and checks the answer every bad request must get: a 4xx
 * RFC 9457 problem detail of the service's own types, with a detail that says what is wrong. Shared by the
 * corpus test and the property test.
 */
final class BadRequests {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI invocations;

    BadRequests(int port) {
        this.invocations = URI.create("http://127.0.0.1:" + port + "/invocations");
    }

    /**
     * POSTs a body; {@code null} headers are left out; {@code chunked} sends it without a Content-Length, so the
     * size limit has to cut the stream instead of refusing the declared length.
     */
    HttpResponse<byte[]> post(
            byte[] body, String contentType, String accept, String customAttributes, boolean chunked) {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(invocations).POST(publisher);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (customAttributes != null) {
            request.header("X-Amzn-SageMaker-Custom-Attributes", customAttributes);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("the explainer dropped the request instead of answering it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The example application as the baseline answer: the bytes a valid request gets. */
    byte[] validAnswer(String application) {
        HttpResponse<byte[]> response =
                post(application.getBytes(StandardCharsets.UTF_8), "application/json", null, null, false);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /**
     * Checks that the response is the problem detail of the given status and type slug, and returns it.
     *
     * @param what names the request in assertion messages
     */
    static JsonNode problem(HttpResponse<byte[]> response, int status, String type, String what) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as("status of %s: %s", what, body).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as("content type of %s", what)
                .startsWith("application/problem+json");
        JsonNode problem = JsonMapper.shared().readTree(body);
        assertThat(problem.path("status").asInt())
                .as("status member of %s", what)
                .isEqualTo(status);
        assertThat(problem.path("type").asString())
                .as("type of %s", what)
                .isEqualTo("urn:credit-explainer:problem:" + type);
        assertThat(problem.path("title").asString()).as("title of %s", what).isNotBlank();
        assertThat(problem.path("detail").asString()).as("detail of %s", what).isNotBlank();
        return problem;
    }

    /** The field names a schema problem lists. */
    static java.util.List<String> fields(JsonNode problem) {
        java.util.List<String> fields = new java.util.ArrayList<>();
        problem.path("fields").forEach(f -> fields.add(f.asString()));
        return fields;
    }
}
