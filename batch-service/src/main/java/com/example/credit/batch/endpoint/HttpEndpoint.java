package com.example.credit.batch.endpoint;

import com.example.credit.batch.EndpointException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/** An explainer reached directly over HTTP, as a local one or the container on loopback: {@code POST /invocations}. */
public final class HttpEndpoint implements Endpoint {

    private static final int MAX_ERROR_CHARS = 500;

    private final URI baseUrl;
    private final HttpClient client;

    public HttpEndpoint(URI baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public Response invoke(Request request) {
        HttpRequest.Builder call = HttpRequest.newBuilder(baseUrl.resolve("/invocations"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", request.contentType())
                .header("Accept", request.accept())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.customAttributes().ifPresent(value -> call.header("X-Amzn-SageMaker-Custom-Attributes", value));
        HttpResponse<byte[]> response;
        try {
            response = client.send(call.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new EndpointException(describe() + " is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EndpointException(describe() + ": interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            String text = new String(response.body(), StandardCharsets.UTF_8);
            throw new EndpointException(describe() + " answered " + response.statusCode() + ": "
                    + (text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) + "…" : text));
        }
        return new Response(
                response.body(), response.headers().firstValue("Content-Type").orElse(request.accept()));
    }

    @Override
    public String describe() {
        return "explainer " + baseUrl;
    }
}
