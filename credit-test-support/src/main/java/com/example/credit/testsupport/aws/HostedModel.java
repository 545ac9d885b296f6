package com.example.credit.testsupport.aws;

import java.util.Map;
import java.util.Objects;

/**
 * The model a SageMaker endpoint (or transform job) runs, resolved as SageMaker does from the endpoint
 * configuration's first production variant and the model's primary container ({@code CreateModel}).
 *
 * @param modelName the SageMaker model name
 * @param image the container image ({@code PrimaryContainer.Image})
 * @param modelDataUrl the S3 URI of the model artifact ({@code ModelDataUrl}), null when the model has none
 * @param executionRoleArn the role the container runs as
 * @param environment the container's environment variables
 * @param variantName the production variant serving it ({@code AllTraffic} in SageMaker's examples), null for a
 *     transform job
 */
public record HostedModel(
        String modelName,
        String image,
        String modelDataUrl,
        String executionRoleArn,
        Map<String, String> environment,
        String variantName) {

    public HostedModel {
        Objects.requireNonNull(modelName, "modelName");
        environment = Map.copyOf(environment);
    }
}
