package com.example.credit.pipeline.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

class AwsFailuresTests {

    private static SageMakerException service(String code, String message) {
        return (SageMakerException) SageMakerException.builder()
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .build();
    }

    @Test
    void namesThePrincipalTheActionAndTheResourceOfAnAccessDenied() {
        AwsStageException e = AwsFailures.explain(
                "creating training job t (SageMaker CreateTrainingJob)",
                service(
                        "AccessDeniedException",
                        "User: arn:aws:sts::123456789012:assumed-role/dev/alice is not authorized to perform:"
                                + " sagemaker:CreateTrainingJob on resource:"
                                + " arn:aws:sagemaker:eu-west-1:123456789012:training-job/t because no"
                                + " identity-based policy allows the sagemaker:CreateTrainingJob action"));

        assertThat(e)
                .hasMessage("creating training job t (SageMaker CreateTrainingJob) was denied:"
                        + " arn:aws:sts::123456789012:assumed-role/dev/alice may not call sagemaker:CreateTrainingJob"
                        + " on arn:aws:sagemaker:eu-west-1:123456789012:training-job/t; "
                        + AwsFailures.OPERATOR_POLICY_HINT);
    }

    @Test
    void namesTheQuotaThatIsReached() {
        AwsStageException e = AwsFailures.explain(
                "creating training job t (SageMaker CreateTrainingJob)",
                service(
                        "ResourceLimitExceeded",
                        "The account-level service limit 'ml.m5.large for training job usage' is 0 Instances, with"
                                + " current utilization of 0 Instances and a request delta of 1 Instances."));

        assertThat(e.getMessage())
                .startsWith("creating training job t (SageMaker CreateTrainingJob) failed: an account quota is"
                        + " reached: 'ml.m5.large for training job usage'")
                .endsWith("request an increase in the Service Quotas console, or pass a smaller --instance-type");
    }

    @Test
    void saysWhatToDoWithoutCredentialsOrWithRefusedOnes() {
        assertThat(AwsFailures.explain(
                        "reading stack CreditData (CloudFormation DescribeStacks)",
                        SdkClientException.create("Unable to load credentials from any of the providers in the chain")))
                .hasMessageContaining("no AWS credentials found; set AWS_PROFILE");
        assertThat(AwsFailures.explain(
                        "x",
                        service("ExpiredTokenException", "The security token included in the" + " request is expired")))
                .hasMessageContaining("the AWS credentials were refused (ExpiredTokenException");
    }

    @Test
    void pointsAtTheRegionWhenTheServiceHostCannotBeResolved() {
        SdkClientException e = SdkClientException.builder()
                .message("Unable to execute HTTP request: sagemaker.xx-west-9.amazonaws.com")
                .cause(new UnknownHostException("sagemaker.xx-west-9.amazonaws.com"))
                .build();

        assertThat(AwsFailures.explain("x", e)).hasMessageContaining("check --region and the network");
    }

    @Test
    void reportsThrottlingThatOutlastedTheRetriesAndAnyOtherErrorWithItsCode() {
        assertThat(AwsFailures.explain("x", service("ThrottlingException", "Rate exceeded")))
                .hasMessageStartingWith("x was still throttled after " + AwsClients.MAX_ATTEMPTS + " attempts");
        assertThat(AwsFailures.explain("x", service("ValidationException", "bad name")))
                .hasMessage("x failed: ValidationException: bad name");
    }
}
