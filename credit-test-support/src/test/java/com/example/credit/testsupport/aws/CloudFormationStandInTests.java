package com.example.credit.testsupport.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/** CloudFormation's DescribeStacks over awsQuery, through the SDK's own client. */
class CloudFormationStandInTests {

    private final AwsStandIn aws = AwsStandIn.start();
    private final CloudFormationClient cloudFormation = Clients.of(aws, CloudFormationClient.builder());

    @AfterEach
    void close() {
        cloudFormation.close();
        aws.close();
    }

    @Test
    void describesARegisteredStackWithItsOutputsInOrder() {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("DatagenFunctionName", "credit-datagen");
        outputs.put("BucketName", "credit-bucket & <more>");
        aws.stack("CreditStack", outputs);

        Stack stack = cloudFormation
                .describeStacks(request -> request.stackName("CreditStack"))
                .stacks()
                .get(0);

        assertThat(stack.stackName()).isEqualTo("CreditStack");
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(stack.stackId()).startsWith("arn:aws:cloudformation:eu-west-1:123456789012:stack/CreditStack/");
        assertThat(stack.creationTime()).isNotNull();
        assertThat(stack.outputs())
                .extracting(Output::outputKey, Output::outputValue)
                .containsExactly(
                        tuple("DatagenFunctionName", "credit-datagen"), tuple("BucketName", "credit-bucket & <more>"));
    }

    @Test
    void reportsTheStatusAStackWasRegisteredWithAndFindsItByIdToo() {
        aws.stack("CreditStack", "UPDATE_ROLLBACK_COMPLETE", Map.of());
        String id = cloudFormation
                .describeStacks(request -> request.stackName("CreditStack"))
                .stacks()
                .get(0)
                .stackId();

        Stack byId = cloudFormation
                .describeStacks(request -> request.stackName(id))
                .stacks()
                .get(0);

        assertThat(byId.stackStatus()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
        assertThat(byId.stackName()).isEqualTo("CreditStack");
    }

    @Test
    void answersAnUnknownStackAsCloudFormationDoes() {
        CloudFormationException error = catchThrowableOfType(
                CloudFormationException.class,
                () -> cloudFormation.describeStacks(request -> request.stackName("NoSuchStack")));

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Stack with id NoSuchStack does not exist");
        assertThat(error.requestId()).isNotBlank();
    }

    @Test
    void recordsTheFormParametersOfTheQueryProtocol() {
        aws.stack("CreditStack", Map.of());

        cloudFormation.describeStacks(request -> request.stackName("CreditStack"));

        Recorded request = aws.requests("CloudFormation.DescribeStacks").get(0);
        assertThat(request.service()).isEqualTo("CloudFormation");
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.form())
                .containsEntry("Action", "DescribeStacks")
                .containsEntry("Version", "2010-05-15")
                .containsEntry("StackName", "CreditStack");
        assertThat(request.json().isMissingNode()).isTrue();
        assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
    }

    @Test
    void throttlingIsRetriedByTheSdkInTheQueryErrorFormat() {
        aws.stack("CreditStack", Map.of())
                .fault("CloudFormation.DescribeStacks", 2, 400, "Throttling", "Rate exceeded");

        assertThat(cloudFormation
                        .describeStacks(request -> request.stackName("CreditStack"))
                        .stacks())
                .hasSize(1);

        assertThat(aws.requests("CloudFormation.DescribeStacks")).hasSize(3);
    }
}
