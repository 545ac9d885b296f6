package com.example.credit.pipeline.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * The SDK clients of the AWS target, built once with one region, one credentials chain and the SDK's standard retry
 * mode with more attempts (control-plane calls are throttled at a few per second; a long run polls for an hour).
 * Endpoint overrides exist for the tests' loopback stand-ins and LocalStack; the SDK also honours
 * {@code AWS_ENDPOINT_URL} and its per-service variants on its own.
 *
 * @param cloudFormation DescribeStacks
 * @param lambda the datagen function
 * @param glue the ETL job
 * @param sageMaker training, models, endpoints, transform jobs
 * @param runtime InvokeEndpoint
 * @param s3 the data bucket
 * @param ecr the pushed images
 * @param region the region every client uses
 */
public record AwsClients(
        CloudFormationClient cloudFormation,
        LambdaClient lambda,
        GlueClient glue,
        SageMakerClient sageMaker,
        SageMakerRuntimeClient runtime,
        S3Client s3,
        EcrClient ecr,
        Region region)
        implements AutoCloseable {

    /** A synchronous Lambda invocation may run for the function's 15 minutes; the socket waits a bit longer. */
    static final Duration LAMBDA_READ_TIMEOUT = Duration.ofMinutes(16);

    /** Attempts per call, first one included. */
    static final int MAX_ATTEMPTS = 8;

    /**
     * Clients for a region.
     *
     * @param region the region; the SDK's default chain when empty
     * @param credentials the credentials chain
     * @param overrides service id ({@code cloudformation}, {@code lambda}, {@code glue}, {@code sagemaker},
     *     {@code sagemakerruntime}, {@code s3}, {@code ecr}) to endpoint URI, for stand-ins; empty for AWS
     */
    public static AwsClients create(
            Optional<String> region, AwsCredentialsProvider credentials, Map<String, URI> overrides) {
        Region chosen = region.map(Region::of).orElseGet(AwsClients::defaultRegion);
        ClientOverrideConfiguration retries = ClientOverrideConfiguration.builder()
                .retryStrategy(builder -> builder.maxAttempts(MAX_ATTEMPTS))
                .build();
        return new AwsClients(
                configure(CloudFormationClient.builder(), "cloudformation", chosen, credentials, overrides, retries)
                        .httpClient(UrlConnectionHttpClient.create())
                        .build(),
                configure(LambdaClient.builder(), "lambda", chosen, credentials, overrides, retries)
                        .httpClient(UrlConnectionHttpClient.builder()
                                .socketTimeout(LAMBDA_READ_TIMEOUT)
                                .build())
                        .build(),
                configure(GlueClient.builder(), "glue", chosen, credentials, overrides, retries)
                        .httpClient(UrlConnectionHttpClient.create())
                        .build(),
                configure(SageMakerClient.builder(), "sagemaker", chosen, credentials, overrides, retries)
                        .httpClient(UrlConnectionHttpClient.create())
                        .build(),
                configure(SageMakerRuntimeClient.builder(), "sagemakerruntime", chosen, credentials, overrides, retries)
                        .httpClient(UrlConnectionHttpClient.builder()
                                .socketTimeout(Duration.ofSeconds(70))
                                .build())
                        .build(),
                configure(S3Client.builder(), "s3", chosen, credentials, overrides, retries)
                        .forcePathStyle(overrides.containsKey("s3"))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build(),
                configure(EcrClient.builder(), "ecr", chosen, credentials, overrides, retries)
                        .httpClient(UrlConnectionHttpClient.create())
                        .build(),
                chosen);
    }

    /** Clients on the default credentials chain, talking to AWS. */
    public static AwsClients forAws(Optional<String> region) {
        return create(region, DefaultCredentialsProvider.builder().build(), Map.of());
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(
            B builder,
            String service,
            Region region,
            AwsCredentialsProvider credentials,
            Map<String, URI> overrides,
            ClientOverrideConfiguration configuration) {
        builder.region(region).credentialsProvider(credentials).overrideConfiguration(configuration);
        URI override = overrides.get(service);
        if (override != null) {
            builder.endpointOverride(override);
        }
        return builder;
    }

    private static Region defaultRegion() {
        try {
            return new software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain().getRegion();
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
            throw new AwsStageException(
                    "no AWS region: pass --region, or set AWS_REGION or the profile's region" + " (aws configure)", e);
        }
    }

    @Override
    public void close() {
        cloudFormation.close();
        lambda.close();
        glue.close();
        sageMaker.close();
        runtime.close();
        s3.close();
        ecr.close();
    }
}
