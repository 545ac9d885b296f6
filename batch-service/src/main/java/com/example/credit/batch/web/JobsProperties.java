package com.example.credit.batch.web;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The jobs API's configuration ({@code dashboard.jobs.*}).
 *
 * @param stateDir where job records are saved (default {@code ~/.credit-batch/jobs}); the jobs in it are taken up
 *     again at start
 * @param explainerUrl the explainer local jobs call when they name none, or null (then each local job must)
 * @param aws the AWS back end's client settings
 */
@ConfigurationProperties("dashboard.jobs")
public record JobsProperties(Path stateDir, URI explainerUrl, Aws aws) {

    public JobsProperties {
        stateDir = stateDir != null ? stateDir : Path.of(System.getProperty("user.home"), ".credit-batch", "jobs");
        aws = aws != null ? aws : new Aws(null, null);
    }

    /**
     * The SageMaker client of AWS jobs.
     *
     * @param region the region, or null for the SDK's chain ({@code AWS_REGION}, the profile)
     * @param endpoint an endpoint override (an S3- and SageMaker-compatible stand-in), or null
     */
    public record Aws(String region, URI endpoint) {}
}
