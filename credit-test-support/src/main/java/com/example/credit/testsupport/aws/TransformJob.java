package com.example.credit.testsupport.aws;

import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A batch transform job as {@code CreateTransformJob} asked for it, with the model it names resolved.
 *
 * @param name the transform job name
 * @param model the model of {@code ModelName}, as {@code CreateModel} defined it
 * @param request the {@code CreateTransformJob} request body (a copy)
 */
public record TransformJob(String name, HostedModel model, JsonNode request) {

    public TransformJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        request = request.deepCopy();
    }

    /** {@code ModelName}. */
    public String modelName() {
        return model.modelName();
    }

    /** {@code TransformInput.DataSource.S3DataSource.S3Uri}: a prefix or a manifest. */
    public String inputS3Uri() {
        return Json.text(request.path("TransformInput").path("DataSource").path("S3DataSource"), "S3Uri");
    }

    /** {@code TransformInput.ContentType}. */
    public String contentType() {
        return Json.text(request.path("TransformInput"), "ContentType");
    }

    /** {@code TransformInput.SplitType}: {@code None}, {@code Line}, ... */
    public String splitType() {
        return Json.text(request.path("TransformInput"), "SplitType");
    }

    /** {@code TransformOutput.S3OutputPath}. */
    public String outputS3Path() {
        return Json.text(request.path("TransformOutput"), "S3OutputPath");
    }

    /** {@code TransformOutput.Accept}. */
    public String accept() {
        return Json.text(request.path("TransformOutput"), "Accept");
    }

    /** {@code TransformOutput.AssembleWith}. */
    public String assembleWith() {
        return Json.text(request.path("TransformOutput"), "AssembleWith");
    }

    /** {@code Environment} of the job (added to the model's). */
    public Map<String, String> environment() {
        return Json.stringMap(request.path("Environment"));
    }
}
