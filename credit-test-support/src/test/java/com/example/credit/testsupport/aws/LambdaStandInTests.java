package com.example.credit.testsupport.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import tools.jackson.databind.JsonNode;

/** Lambda's Invoke over restJson1, through the SDK's own client. */
class LambdaStandInTests {

    private final AwsStandIn aws = AwsStandIn.start();
    private final LambdaClient lambda = Clients.of(aws, LambdaClient.builder());

    @AfterEach
    void close() {
        lambda.close();
        aws.close();
    }

    @Test
    void invokesSynchronouslyAndAnswersWithThePayloadTheFunctionReturned() {
        aws.function("credit-datagen", payload -> "{\"received\":" + payload + "}");

        InvokeResponse response = lambda.invoke(request -> request.functionName("credit-datagen")
                .invocationType(InvocationType.REQUEST_RESPONSE)
                .payload(SdkBytes.fromUtf8String("{\"n\":1000}"))
                .logType(LogType.TAIL));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
        assertThat(response.payload().asUtf8String()).isEqualTo("{\"received\":{\"n\":1000}}");
        assertThat(response.executedVersion()).isEqualTo("$LATEST");
        assertThat(response.logResult()).isNotBlank();
        Recorded request = aws.requests("Lambda.Invoke").get(0);
        assertThat(request.path()).isEqualTo("/2015-03-31/functions/credit-datagen/invocations");
        assertThat(request.headers()).containsKey("x-amz-invocation-type");
        assertThat(request.header("X-Amz-Invocation-Type")).isEqualTo("RequestResponse");
        assertThat(request.json().get("n").asInt()).isEqualTo(1000);
    }

    @Test
    void takesAnInvocationWithoutTypeForRequestResponseAsLambdaDoes() {
        aws.function("credit-datagen", payload -> "{\"ok\":true}");

        InvokeResponse response = lambda.invoke(request -> request.functionName("credit-datagen"));

        assertThat(aws.requests("Lambda.Invoke").get(0).headers()).doesNotContainKey("x-amz-invocation-type");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.payload().asUtf8String()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void findsAFunctionNamedByItsArn() {
        aws.function("credit-datagen", payload -> "{}");

        InvokeResponse response = lambda.invoke(
                request -> request.functionName("arn:aws:lambda:eu-west-1:123456789012:function:credit-datagen")
                        .payload(SdkBytes.fromUtf8String("{}")));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void reportsAnExceptionAsAnUnhandledFunctionErrorWithStatus200() {
        aws.function("credit-datagen", payload -> {
            throw new IllegalArgumentException("n must be positive, was -1");
        });

        InvokeResponse response = lambda.invoke(
                request -> request.functionName("credit-datagen").payload(SdkBytes.fromUtf8String("{\"n\":-1}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = Json.MAPPER.readTree(response.payload().asUtf8String());
        assertThat(error.get("errorMessage").asString()).isEqualTo("n must be positive, was -1");
        assertThat(error.get("errorType").asString()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(error.get("stackTrace").isArray()).isTrue();
    }

    @Test
    void answersAnEventInvocationWith202BeforeTheFunctionRunsInTheBackground() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> received = new CopyOnWriteArrayList<>();
        aws.function("credit-datagen", payload -> {
            release.await(5, TimeUnit.SECONDS);
            received.add(payload + " on " + Thread.currentThread().getName());
            return "{}";
        });

        InvokeResponse response = lambda.invoke(request -> request.functionName("credit-datagen")
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"n\":5}")));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(received).isEmpty();
        release.countDown();
        aws.awaitIdle(Duration.ofSeconds(5));
        assertThat(received).singleElement().asString().startsWith("{\"n\":5} on aws-stand-in-job-");
    }

    @Test
    void answersADryRunWith204WithoutRunningTheFunction() {
        List<String> received = new CopyOnWriteArrayList<>();
        aws.function("credit-datagen", payload -> {
            received.add(payload);
            return "{}";
        });

        InvokeResponse response =
                lambda.invoke(request -> request.functionName("credit-datagen").invocationType(InvocationType.DRY_RUN));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(received).isEmpty();
    }

    @Test
    void answersAnUnknownFunctionWithResourceNotFoundAsLambdaDoes() {
        ResourceNotFoundException error = catchThrowableOfType(
                ResourceNotFoundException.class,
                () -> lambda.invoke(request -> request.functionName("no-such-function")));

        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(error.type()).isEqualTo("User");
        assertThat(error.awsErrorDetails().errorMessage())
                .isEqualTo("Function not found: arn:aws:lambda:eu-west-1:123456789012:function:no-such-function");
    }
}
