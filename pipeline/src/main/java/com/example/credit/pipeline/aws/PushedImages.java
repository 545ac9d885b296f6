package com.example.credit.pipeline.aws;

import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Finds the pushed images before anything is started, so that an image that was never pushed fails the run at once
 * with the command that pushes it, not as a training job's failure minutes later; and pins each to its digest, so
 * that a resumed run or a re-pushed tag cannot change what the run trains and serves.
 */
final class PushedImages {

    private PushedImages() {}

    /**
     * The image as {@code <repository-uri>@sha256:...}.
     *
     * @param repositoryUri {@code <account>.dkr.ecr.<region>.amazonaws.com/<name>}
     * @param tag the pushed tag
     * @param module the Maven module that builds the image, for the hint
     * @throws AwsStageException naming the image and how to push it
     */
    static String pin(EcrClient ecr, String repositoryUri, String tag, String module) {
        int slash = repositoryUri.indexOf('/');
        if (slash < 0) {
            throw new AwsStageException("repository URI '" + repositoryUri + "' has no repository name");
        }
        String repository = repositoryUri.substring(slash + 1);
        List<ImageDetail> images;
        try {
            images = ecr.describeImages(request -> request.repositoryName(repository)
                            .imageIds(ImageIdentifier.builder().imageTag(tag).build()))
                    .imageDetails();
        } catch (ImageNotFoundException | RepositoryNotFoundException e) {
            throw notPushed(repositoryUri, tag, module, e);
        } catch (SdkException e) {
            throw AwsFailures.explain("looking up image " + repositoryUri + ":" + tag + " (ECR DescribeImages)", e);
        }
        if (images.isEmpty() || images.get(0).imageDigest() == null) {
            throw notPushed(repositoryUri, tag, module, null);
        }
        return repositoryUri + "@" + images.get(0).imageDigest();
    }

    private static AwsStageException notPushed(String repositoryUri, String tag, String module, Exception cause) {
        return new AwsStageException(
                "image " + repositoryUri + ":" + tag + " is not pushed: push it with './mvnw -B -pl " + module
                        + " -am package jib:build -DskipTests -Dimage=" + repositoryUri + ":" + tag
                        + " ...' (docs/deploy.md section 4), or pass the --image-tag you pushed",
                cause);
    }
}
