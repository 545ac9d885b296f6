package com.example.credit.testsupport.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SageMaker's control plane over awsJson1_1 ({@code X-Amz-Target: SageMaker.<Op>}), with the SDK 2.40.2 field
 * names: training jobs ({@link TrainingJobs}), models, endpoint configurations and endpoints ({@link Endpoints}),
 * transform jobs ({@link TransformJobs}) and the tags given on their creation ({@code ListTags}). One lock, this
 * object's, guards all of their state; the executors run outside it, on {@link Background} threads.
 */
final class SageMakerService implements AwsJsonService {

    private final TrainingJobs training;
    private final Endpoints endpoints;
    private final TransformJobs transforms;
    private final Map<String, ArrayNode> tags = new HashMap<>();

    SageMakerService(Background background) {
        this.training = new TrainingJobs(background);
        this.endpoints = new Endpoints(background);
        this.transforms = new TransformJobs(background, endpoints);
    }

    synchronized void training(TrainingExecutor executor) {
        training.executor(executor);
    }

    synchronized void hosting(Hosting hosting) {
        endpoints.hosting(hosting);
    }

    synchronized void transform(TransformExecutor executor) {
        transforms.executor(executor);
    }

    /** Where SageMaker Runtime sends an invocation of the endpoint; see {@link Endpoints#target}. */
    synchronized Endpoints.Target target(String endpointName) {
        return endpoints.target(endpointName);
    }

    /** Stops every model server still running; the stand-in's close. */
    void stopHosting() {
        endpoints.stopAll();
    }

    @Override
    public String name() {
        return "SageMaker";
    }

    @Override
    public synchronized Reply handle(String operation, Call call) {
        JsonNode request = call.json();
        ObjectNode answer =
                switch (operation) {
                    case "CreateTrainingJob" -> tagged(request, training.create(request));
                    case "DescribeTrainingJob" -> training.describe(request);
                    case "StopTrainingJob" -> training.stop(request);
                    case "CreateModel" -> tagged(request, endpoints.createModel(request));
                    case "DescribeModel" -> endpoints.describeModel(request);
                    case "DeleteModel" -> endpoints.deleteModel(request);
                    case "CreateEndpointConfig" -> tagged(request, endpoints.createConfig(request));
                    case "DescribeEndpointConfig" -> endpoints.describeConfig(request);
                    case "DeleteEndpointConfig" -> endpoints.deleteConfig(request);
                    case "CreateEndpoint" -> tagged(request, endpoints.createEndpoint(request));
                    case "UpdateEndpoint" -> endpoints.updateEndpoint(request);
                    case "DescribeEndpoint" -> endpoints.describeEndpoint(request);
                    case "DeleteEndpoint" -> endpoints.deleteEndpoint(request);
                    case "CreateTransformJob" -> tagged(request, transforms.create(request));
                    case "DescribeTransformJob" -> transforms.describe(request);
                    case "StopTransformJob" -> transforms.stop(request);
                    case "ListTags" -> listTags(request);
                    default ->
                        throw new AwsError(
                                400,
                                "UnknownOperationException",
                                "the AWS stand-in's SageMaker does not answer " + operation);
                };
        return Reply.awsJson(answer);
    }

    /** Keeps the request's {@code Tags} under the ARN the create answered with (its only field ending in Arn). */
    private ObjectNode tagged(JsonNode request, ObjectNode created) {
        if (request.path("Tags").isArray()) {
            created.properties().stream()
                    .filter(field -> field.getKey().endsWith("Arn"))
                    .forEach(field -> tags.put(field.getValue().asString(), (ArrayNode) request.get("Tags")));
        }
        return created;
    }

    private ObjectNode listTags(JsonNode request) {
        ObjectNode answer = Json.object();
        ArrayNode found = tags.get(Json.text(request, "ResourceArn"));
        answer.set("Tags", found == null ? answer.arrayNode() : found.deepCopy());
        return answer;
    }

    /**
     * The ARN of a SageMaker resource. SageMaker writes the name in lower case in its ARNs
     * ({@code arn:aws:sagemaker:eu-west-1:123456789012:training-job/my-job}), whatever the case of the name.
     */
    static String arn(String type, String name) {
        return "arn:aws:sagemaker:" + AwsStandIn.REGION + ":" + AwsStandIn.ACCOUNT + ":" + type + "/"
                + name.toLowerCase(Locale.ROOT);
    }

    /**
     * Fails as SageMaker's request validation does when required members are missing: "1 validation error detected:
     * Value null at 'roleArn' failed to satisfy constraint: Member must not be null".
     */
    static void require(JsonNode request, String... members) {
        List<String> errors = new ArrayList<>();
        for (String member : members) {
            if (!request.has(member) || request.get(member).isNull()) {
                String field = Character.toLowerCase(member.charAt(0)) + member.substring(1);
                errors.add("Value null at '" + field + "' failed to satisfy constraint: Member must not be null");
            }
        }
        if (!errors.isEmpty()) {
            throw AwsError.validation(errors.size() + " validation error" + (errors.size() == 1 ? "" : "s")
                    + " detected: " + String.join("; ", errors));
        }
    }

    /** The request without {@code Tags}: what a Describe echoes back (SageMaker's Describe answers carry no tags). */
    static ObjectNode echo(JsonNode request) {
        ObjectNode echo = ((ObjectNode) request).deepCopy();
        echo.remove("Tags");
        return echo;
    }
}
