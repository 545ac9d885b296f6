package com.example.credit.testsupport.aws;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ECR's image lookup over awsJson1_1 ({@code X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.DescribeImages}), with
 * ECR's lower-camel-case field names ({@code repositoryName}, {@code imageIds}, {@code imageDetails},
 * {@code imageDigest}, {@code imageTags}): the images registered with {@link AwsStandIn#image}. An unknown repository
 * answers {@code RepositoryNotFoundException}, an unknown tag {@code ImageNotFoundException}, as ECR does.
 */
final class EcrService implements AwsJsonService {

    /** The X-Amz-Target prefix of ECR's API version. */
    static final String TARGET = "AmazonEC2ContainerRegistry_V20150921";

    private static final Instant PUSHED = Instant.parse("2026-12-01T09:00:00Z");

    /** repository name → tag → digest. */
    private final Map<String, Map<String, String>> images = new LinkedHashMap<>();

    synchronized void image(String repository, String tag, String digest) {
        images.computeIfAbsent(repository, name -> new LinkedHashMap<>()).put(tag, digest);
    }

    @Override
    public String name() {
        return "ECR";
    }

    @Override
    public synchronized Reply handle(String operation, Call call) {
        if (!operation.equals("DescribeImages")) {
            throw new AwsError(400, "UnknownOperationException", "the AWS stand-in's ECR does not answer " + operation);
        }
        JsonNode request = call.json();
        String repository = Json.text(request, "repositoryName");
        Map<String, String> tags = images.get(repository);
        if (tags == null) {
            throw new AwsError(
                    400,
                    "RepositoryNotFoundException",
                    "The repository with name '" + repository + "' does not exist in the registry with id '"
                            + AwsStandIn.ACCOUNT + "'");
        }
        ObjectNode answer = Json.object();
        ArrayNode details = answer.putArray("imageDetails");
        for (JsonNode id : request.path("imageIds")) {
            String tag = id.path("imageTag").asString("");
            String digest = tags.get(tag);
            if (digest == null) {
                throw new AwsError(
                        400,
                        "ImageNotFoundException",
                        "The image with imageId {imageDigest:'null', imageTag:'" + tag
                                + "'} does not exist within the repository with name '" + repository
                                + "' in the registry with id '" + AwsStandIn.ACCOUNT + "'");
            }
            ObjectNode detail = details.addObject();
            detail.put("registryId", AwsStandIn.ACCOUNT);
            detail.put("repositoryName", repository);
            detail.put("imageDigest", digest);
            detail.putArray("imageTags").add(tag);
            detail.put("imagePushedAt", Json.epochSeconds(PUSHED));
        }
        return Reply.awsJson(answer);
    }
}
