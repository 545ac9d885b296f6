package com.example.credit.testsupport.aws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A training job as {@code CreateTrainingJob} asked for it: the request itself and typed views of the parts a local
 * executor needs.
 *
 * @param name the training job name
 * @param request the {@code CreateTrainingJob} request body (a copy)
 */
public record TrainingJob(String name, JsonNode request) {

    public TrainingJob {
        Objects.requireNonNull(name, "name");
        request = request.deepCopy();
    }

    /** {@code AlgorithmSpecification.TrainingImage}. */
    public String image() {
        return Json.text(request.path("AlgorithmSpecification"), "TrainingImage");
    }

    /** {@code RoleArn}. */
    public String roleArn() {
        return Json.text(request, "RoleArn");
    }

    /** {@code HyperParameters}: SageMaker passes them to the container as strings. */
    public Map<String, String> hyperParameters() {
        return Json.stringMap(request.path("HyperParameters"));
    }

    /** {@code Environment}. */
    public Map<String, String> environment() {
        return Json.stringMap(request.path("Environment"));
    }

    /** Channel name to its {@code DataSource.S3DataSource.S3Uri}, in request order. */
    public Map<String, String> channels() {
        Map<String, String> channels = new LinkedHashMap<>();
        for (JsonNode channel : request.path("InputDataConfig")) {
            channels.put(
                    Json.text(channel, "ChannelName"),
                    Json.text(channel.path("DataSource").path("S3DataSource"), "S3Uri"));
        }
        return channels;
    }

    /** {@code OutputDataConfig.S3OutputPath}. */
    public String outputPath() {
        return Json.text(request.path("OutputDataConfig"), "S3OutputPath");
    }

    /**
     * Where SageMaker puts the model artifact, and where {@code DescribeTrainingJob} reports it:
     * {@code <S3OutputPath without trailing slash>/<job name>/output/model.tar.gz}.
     */
    public String modelArtifact() {
        String output = outputPath();
        if (output == null) {
            return null;
        }
        String base = output.endsWith("/") ? output.substring(0, output.length() - 1) : output;
        return base + "/" + name + "/output/model.tar.gz";
    }
}
