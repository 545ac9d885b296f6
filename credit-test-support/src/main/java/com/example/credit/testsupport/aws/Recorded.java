package com.example.credit.testsupport.aws;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One request the stand-in received, in arrival order, whatever it answered (faults and errors included).
 *
 * @param service the service: {@code CloudFormation}, {@code Lambda}, {@code Glue}, {@code SageMaker}, {@code ECR} or
 *     {@code SageMakerRuntime}; {@code Unknown} for a request no service claims
 * @param operation service and operation, as {@link AwsStandIn#fault} names them: {@code SageMaker.CreateTrainingJob},
 *     {@code Lambda.Invoke}, {@code Glue.StartJobRun}, {@code CloudFormation.DescribeStacks},
 *     {@code SageMakerRuntime.InvokeEndpoint}
 * @param method the HTTP method
 * @param path the decoded request path
 * @param query the raw query string, empty when there is none
 * @param headers the request headers, names in lower case, repeated values joined with a comma
 * @param body the request body as UTF-8 text
 * @param json the body parsed as JSON, a missing node when it is not JSON (query requests, binary payloads)
 * @param form the parameters of a form-encoded body (the awsQuery protocol), empty otherwise
 */
public record Recorded(
        String service,
        String operation,
        String method,
        String path,
        String query,
        Map<String, String> headers,
        String body,
        JsonNode json,
        Map<String, String> form) {

    public Recorded {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = query == null ? "" : query;
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
        json = json == null ? MissingNode.getInstance() : json;
        form = Map.copyOf(form);
    }

    /** The value of a header, looked up case-insensitively; null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
