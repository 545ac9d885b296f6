package com.example.credit.pipeline.aws;

import com.example.credit.pipeline.PipelineException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How {@code --target aws} runs: which deployed stacks to read, in which region, and what to create.
 *
 * @param stackPrefix the CDK app's stack names without their suffix: {@code <prefix>Data}, {@code <prefix>Etl},
 *     {@code <prefix>Model} (default {@value #DEFAULT_STACK_PREFIX})
 * @param region the AWS region; empty for the SDK's default chain ({@code AWS_REGION}, the profile)
 * @param resume a run id to continue: finished stages are skipped, running jobs re-attached
 * @param keepEndpoint whether the endpoint stays up at the end (it bills by the hour; default: deleted)
 * @param endpointName the endpoint to create or update (blue/green), {@value #DEFAULT_ENDPOINT_NAME} by default
 * @param imageTag the tag of the pushed training and explainer images ({@value #DEFAULT_IMAGE_TAG} by default); the
 *     run pins the digest it resolves to
 * @param instanceType the training, hosting and Batch Transform instance type
 */
public record AwsOptions(
        String stackPrefix,
        Optional<String> region,
        Optional<String> resume,
        boolean keepEndpoint,
        String endpointName,
        String imageTag,
        String instanceType) {

    public static final String DEFAULT_STACK_PREFIX = "Credit";
    public static final String DEFAULT_ENDPOINT_NAME = "credit-explainer";
    public static final String DEFAULT_IMAGE_TAG = "latest";
    public static final String DEFAULT_INSTANCE_TYPE = "ml.m5.large";

    /** Every SageMaker resource the pipeline creates is named {@code credit-...}: the operator policy relies on it. */
    public static final String NAME_PREFIX = "credit-";

    private static final Pattern STACK_PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,100}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern ENDPOINT = Pattern.compile("credit-[a-zA-Z0-9](-*[a-zA-Z0-9]){0,55}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern INSTANCE = Pattern.compile("ml\\.[a-z0-9]+\\.[a-z0-9]+");
    private static final Pattern RUN_ID = Pattern.compile("\\d{8}-\\d{6}");

    public AwsOptions {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(resume, "resume");
        check("--stack-prefix", stackPrefix, STACK_PREFIX, "a CloudFormation stack name prefix such as Credit");
        region.ifPresent(value -> check("--region", value, REGION, "an AWS region such as eu-west-1"));
        resume.ifPresent(value -> check("--resume", value, RUN_ID, "a run id such as 20261203-101500"));
        check(
                "--endpoint-name",
                endpointName,
                ENDPOINT,
                "an endpoint name starting with credit- (the operator policy allows credit-* only), at most 63"
                        + " letters, digits and hyphens");
        check("--image-tag", imageTag, TAG, "an image tag such as latest or 0.1.0");
        check("--instance-type", instanceType, INSTANCE, "a SageMaker instance type such as ml.m5.large");
    }

    /** The defaults: prefix Credit, the SDK's region, a new run, the endpoint deleted at the end. */
    public static AwsOptions defaults() {
        return new AwsOptions(
                DEFAULT_STACK_PREFIX,
                Optional.empty(),
                Optional.empty(),
                false,
                DEFAULT_ENDPOINT_NAME,
                DEFAULT_IMAGE_TAG,
                DEFAULT_INSTANCE_TYPE);
    }

    private static void check(String flag, String value, Pattern pattern, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new PipelineException("flag " + flag + " '" + value + "' is invalid: must be " + rule);
        }
    }
}
