package com.example.credit.testsupport.aws;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * CloudFormation's {@code DescribeStacks} over awsQuery (the protocol the SDK 2.40.2 client still builds: a
 * form-encoded {@code POST /} with {@code Action=DescribeStacks&Version=2010-05-15&StackName=...}, an XML answer
 * {@code <DescribeStacksResponse><DescribeStacksResult><Stacks><member>...}). The stacks are the ones a test
 * registered: deployed by {@code infra} on AWS, given here as their outputs.
 */
final class CloudFormationService implements Service {

    static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    private record Stack(String name, String id, String status, Map<String, String> outputs, Instant created) {}

    private final Map<String, Stack> stacks = new LinkedHashMap<>();

    synchronized void stack(String name, String status, Map<String, String> outputs) {
        // A stable id per name, as a stack keeps its id for its lifetime.
        String id = "arn:aws:cloudformation:" + AwsStandIn.REGION + ":" + AwsStandIn.ACCOUNT + ":stack/" + name + "/"
                + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        stacks.put(
                name,
                new Stack(
                        name,
                        id,
                        status,
                        new LinkedHashMap<>(outputs),
                        Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    @Override
    public String name() {
        return "CloudFormation";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_QUERY;
    }

    @Override
    public String operation(String method, String path, Map<String, String> headers, Map<String, String> form) {
        return form.get("Action");
    }

    @Override
    public Reply handle(String operation, Call call) {
        if (!operation.equals("DescribeStacks")) {
            throw new AwsError(400, "InvalidAction", "The action " + operation + " is not valid for this web service.");
        }
        return describeStacks(call.recorded().form().get("StackName"), call.requestId());
    }

    private synchronized Reply describeStacks(String stackName, String requestId) {
        List<Stack> found = new ArrayList<>();
        if (stackName == null) {
            found.addAll(stacks.values());
        } else {
            // The name or the stack id, as CloudFormation accepts either.
            stacks.values().stream()
                    .filter(stack ->
                            stack.name().equals(stackName) || stack.id().equals(stackName))
                    .forEach(found::add);
            if (found.isEmpty()) {
                // CloudFormation's answer, word for word, to a stack it does not have (HTTP 400).
                throw new AwsError(400, "ValidationError", "Stack with id " + stackName + " does not exist");
            }
        }
        StringBuilder xml = new StringBuilder("<DescribeStacksResponse xmlns=\"" + NAMESPACE + "\">")
                .append("<DescribeStacksResult><Stacks>");
        for (Stack stack : found) {
            xml.append("<member>")
                    .append(Xml.element("StackId", stack.id()))
                    .append(Xml.element("StackName", stack.name()))
                    .append(Xml.element("CreationTime", stack.created().toString()))
                    .append(Xml.element("StackStatus", stack.status()))
                    .append("<Outputs>");
            stack.outputs().forEach((key, value) -> xml.append("<member>")
                    .append(Xml.element("OutputKey", key))
                    .append(Xml.element("OutputValue", value))
                    .append("</member>"));
            xml.append("</Outputs></member>");
        }
        xml.append("</Stacks></DescribeStacksResult>")
                .append("<ResponseMetadata><RequestId>")
                .append(requestId)
                .append("</RequestId></ResponseMetadata></DescribeStacksResponse>");
        return Reply.of(200, protocol().contentType(), xml.toString());
    }
}
