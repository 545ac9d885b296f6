package com.example.credit.testsupport.aws;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ObjectNode;

/**
 * The three wire protocols of the services the stand-in speaks, as far as the error answers differ (the SDK reads
 * the error code from them and maps it to its exception types). Which service speaks which is what the SDK 2.40.2
 * clients build: {@code AwsQueryProtocolFactory} in {@code DefaultCloudFormationClient},
 * {@code AwsJsonProtocol.AWS_JSON} (1.1) in {@code DefaultGlueClient} and {@code DefaultSageMakerClient},
 * {@code AwsJsonProtocol.REST_JSON} in {@code DefaultLambdaClient} and {@code DefaultSageMakerRuntimeClient}.
 */
enum Protocol {
    /** The code in the body's {@code __type}, the message in {@code message}. */
    AWS_JSON_1_1("application/x-amz-json-1.1"),
    /** The code in the {@code x-amzn-ErrorType} header, a JSON body with the message. */
    REST_JSON_1("application/json"),
    /** Form-encoded requests, XML answers; errors as {@code <ErrorResponse><Error>...}. */
    AWS_QUERY("text/xml");

    private final String contentType;

    Protocol(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    Reply render(AwsError error, String requestId) {
        return switch (this) {
            case AWS_JSON_1_1 -> {
                ObjectNode body = Json.object();
                body.put("__type", error.code());
                body.put("message", error.getMessage());
                yield Reply.of(error.status(), contentType, body.toString());
            }
            case REST_JSON_1 -> {
                ObjectNode body = error.body();
                if (body == null) {
                    body = Json.object();
                    body.put("message", error.getMessage());
                }
                yield Reply.of(error.status(), contentType, body.toString())
                        .withHeader("x-amzn-ErrorType", error.code());
            }
            case AWS_QUERY -> {
                // Sender for the caller's mistakes, Receiver for the service's own (5xx), as in the awsQuery spec.
                String type = error.status() >= 500 ? "Receiver" : "Sender";
                String xml = "<ErrorResponse xmlns=\"" + CloudFormationService.NAMESPACE + "\">"
                        + "<Error><Type>" + type + "</Type><Code>" + Xml.escape(error.code()) + "</Code>"
                        + "<Message>" + Xml.escape(error.getMessage()) + "</Message></Error>"
                        + "<RequestId>" + requestId + "</RequestId></ErrorResponse>";
                yield Reply.of(error.status(), contentType, xml.getBytes(StandardCharsets.UTF_8));
            }
        };
    }
}
