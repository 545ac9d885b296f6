package com.example.credit.testsupport.aws;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * SageMaker Runtime's {@code InvokeEndpoint} over restJson1: {@code POST /endpoints/{EndpointName}/invocations}
 * (the SDK's {@code InvokeEndpointRequestMarshaller}), forwarded to {@code /invocations} of the endpoint's model
 * server with the headers SageMaker passes to the container ({@code Content-Type}, {@code Accept},
 * {@code X-Amzn-SageMaker-Custom-Attributes}, ...). The container's answer comes back with its
 * {@code Content-Type} and the serving variant in {@code x-Amzn-Invoked-Production-Variant}; a non-2xx answer comes
 * back as SageMaker Runtime's 424 {@code ModelError} with {@code OriginalStatusCode} and {@code OriginalMessage}.
 */
final class SageMakerRuntimeService implements Service {

    static final String ENDPOINTS = "/endpoints/";

    /** The request headers SageMaker hands to the container (the SDK's InvokeEndpointRequest header members). */
    private static final List<String> FORWARDED = List.of(
            "Content-Type",
            "Accept",
            "X-Amzn-SageMaker-Custom-Attributes",
            "X-Amzn-SageMaker-Target-Model",
            "X-Amzn-SageMaker-Target-Variant",
            "X-Amzn-SageMaker-Inference-Id",
            "X-Amzn-SageMaker-Enable-Explanations");

    private final SageMakerService sageMaker;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    SageMakerRuntimeService(SageMakerService sageMaker) {
        this.sageMaker = sageMaker;
    }

    @Override
    public String name() {
        return "SageMakerRuntime";
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_JSON_1;
    }

    @Override
    public String operation(String method, String path, Map<String, String> headers, Map<String, String> form) {
        return method.equals("POST") && path.endsWith("/invocations") ? "InvokeEndpoint" : "Unknown";
    }

    /** The body of a runtime error: SageMaker Runtime's own {@code ErrorCode} beside the message. */
    static ObjectNode errorBody(String errorCode, String message) {
        ObjectNode body = Json.object();
        body.put("ErrorCode", errorCode);
        body.put("Message", message);
        return body;
    }

    @Override
    public Reply handle(String operation, Call call) {
        if (!operation.equals("InvokeEndpoint")) {
            throw new AwsError(
                    404,
                    "UnknownOperationException",
                    "the AWS stand-in's SageMaker Runtime answers InvokeEndpoint only");
        }
        String endpoint = call.path().substring(ENDPOINTS.length(), call.path().length() - "/invocations".length());
        Endpoints.Target target = sageMaker.target(endpoint);
        String base = target.baseUrl().toString();
        HttpRequest.Builder forward = HttpRequest.newBuilder(
                        URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/invocations"))
                // SageMaker's own limit: a container has 60 seconds to answer an invocation.
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
        for (String header : FORWARDED) {
            String value = call.header(header);
            if (value != null) {
                forward.header(header, value);
            }
        }
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException unreachable) {
            throw modelError(endpoint, 502, "the model server did not answer: " + unreachable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw modelError(endpoint, 502, "interrupted while waiting for the model server");
        }
        if (answer.statusCode() / 100 != 2) {
            throw modelError(endpoint, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
        }
        Reply reply = Reply.of(
                        200,
                        answer.headers().firstValue("Content-Type").orElse("application/octet-stream"),
                        answer.body())
                .withHeader("x-Amzn-Invoked-Production-Variant", target.variantName());
        String attributes = answer.headers()
                .firstValue("X-Amzn-SageMaker-Custom-Attributes")
                .orElse(null);
        return attributes == null ? reply : reply.withHeader("X-Amzn-SageMaker-Custom-Attributes", attributes);
    }

    /**
     * SageMaker Runtime's answer to a container that answered with an error: HTTP 424 {@code ModelError}, the
     * container's status and body as {@code OriginalStatusCode} and {@code OriginalMessage}, and its well-known
     * message "Received client error (400) from primary with message ...". {@code ErrorCode} is
     * {@code CLIENT_ERROR_FROM_MODEL} as SageMaker sends for 4xx; for 5xx it is an assumption.
     */
    private static AwsError modelError(String endpoint, int status, String original) {
        String kind = status >= 500 ? "server" : "client";
        String logGroup = "/aws/sagemaker/Endpoints/" + endpoint;
        String message = "Received " + kind + " error (" + status + ") from primary with message \"" + original
                + "\". See https://" + AwsStandIn.REGION + ".console.aws.amazon.com/cloudwatch/home?region="
                + AwsStandIn.REGION + "#logEventViewer:group=" + logGroup + " in account " + AwsStandIn.ACCOUNT
                + " for more information.";
        ObjectNode body = errorBody(status >= 500 ? "SERVER_ERROR_FROM_MODEL" : "CLIENT_ERROR_FROM_MODEL", message);
        body.put("OriginalStatusCode", status);
        body.put("OriginalMessage", original);
        body.put(
                "LogStreamArn",
                "arn:aws:logs:" + AwsStandIn.REGION + ":" + AwsStandIn.ACCOUNT + ":log-group:" + logGroup);
        return new AwsError(424, "ModelError", message, body);
    }
}
