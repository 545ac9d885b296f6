package com.example.credit.testsupport.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/** ECR's DescribeImages over awsJson1_1, through the SDK's own client. */
class EcrStandInTests {

    private static final String DIGEST = "sha256:" + "a".repeat(64);

    private final AwsStandIn aws = AwsStandIn.start().image("credit-training", "latest", DIGEST);
    private final EcrClient ecr = Clients.of(aws, EcrClient.builder());

    @AfterEach
    void close() {
        ecr.close();
        aws.close();
    }

    @Test
    void findsAPushedTagWithItsDigest() {
        ImageDetail image = ecr.describeImages(request -> request.repositoryName("credit-training")
                        .imageIds(ImageIdentifier.builder().imageTag("latest").build()))
                .imageDetails()
                .get(0);

        assertThat(image.imageDigest()).isEqualTo(DIGEST);
        assertThat(image.imageTags()).containsExactly("latest");
        assertThat(image.registryId()).isEqualTo(AwsStandIn.ACCOUNT);
        assertThat(aws.requests("ECR.DescribeImages")).singleElement().satisfies(recorded -> assertThat(
                        recorded.header("X-Amz-Target"))
                .isEqualTo("AmazonEC2ContainerRegistry_V20150921.DescribeImages"));
    }

    @Test
    void answersAnUnknownTagOrRepositoryWithEcrsErrors() {
        assertThatThrownBy(() -> ecr.describeImages(request -> request.repositoryName("credit-training")
                        .imageIds(ImageIdentifier.builder().imageTag("0.2.0").build())))
                .isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining("imageTag:'0.2.0'");
        assertThatThrownBy(() -> ecr.describeImages(request -> request.repositoryName("other")
                        .imageIds(ImageIdentifier.builder().imageTag("latest").build())))
                .isInstanceOf(RepositoryNotFoundException.class)
                .hasMessageContaining("The repository with name 'other' does not exist");
    }
}
