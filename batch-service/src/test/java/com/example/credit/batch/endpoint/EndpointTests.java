package com.example.credit.batch.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.batch.EndpointException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/** The SageMaker Runtime back end against a stand-in that speaks the service's wire protocol on loopback. */
class EndpointTests {

    private FakeSageMakerRuntime fake;
    private SageMakerEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSageMakerRuntime();
        SageMakerRuntimeClient client = SageMakerRuntimeClient.builder()
                .endpointOverride(fake.url())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        endpoint = new SageMakerEndpoint(client, "credit-explainer");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void invokeEndpointCarriesBodyTypesAndCustomAttributesSignedForSageMaker() {
        Endpoint.Response response = endpoint.invoke(request("{\"a\":1}\n{\"a\":2}\n"));

        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"prediction\":0.25}\n{\"prediction\":0.25}\n");
        assertThat(response.contentType()).isEqualTo("application/jsonlines");
        FakeSageMakerRuntime.Recorded call = fake.requests().get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/endpoints/credit-explainer/invocations");
        assertThat(call.body()).isEqualTo("{\"a\":1}\n{\"a\":2}\n");
        assertThat(call.header("content-type")).isEqualTo("application/jsonlines");
        assertThat(call.header("accept")).isEqualTo("application/jsonlines");
        assertThat(call.header("x-amzn-sagemaker-custom-attributes")).isEqualTo("entities=prediction,reasons");
        assertThat(call.header("authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/")
                .contains("/eu-west-1/sagemaker/aws4_request");
    }

    @Test
    void theModelContainersOwnErrorIsReportedWithItsStatusAndMessage() {
        fake.answer(
                424,
                "ModelError",
                "{\"Message\":\"Received client error (400) from primary\",\"OriginalStatusCode\":400,"
                        + "\"OriginalMessage\":\"credit__amount: must be at least 1\",\"LogStreamArn\":\"arn:log\"}");

        assertThatThrownBy(() -> endpoint.invoke(request("{\"a\":1}\n")))
                .isInstanceOf(EndpointException.class)
                .hasMessage("endpoint credit-explainer (SageMaker Runtime): the model container answered 400:"
                        + " credit__amount: must be at least 1 (log arn:log)");
    }

    @Test
    void anUnknownEndpointIsNamedAndThrottlingIsRetriedByTheSdk() {
        fake.answer(400, "ThrottlingException", "{\"message\":\"Rate exceeded\"}");

        endpoint.invoke(request("{\"a\":1}\n"));

        assertThat(fake.requests()).as("throttled once, then answered").hasSize(2);

        fake.answer(400, "ValidationError", "{\"message\":\"Endpoint credit-explainer of account 1 not found.\"}");
        assertThatThrownBy(() -> endpoint.invoke(request("{\"a\":1}\n")))
                .isInstanceOf(EndpointException.class)
                .hasMessageStartingWith("endpoint credit-explainer (SageMaker Runtime): SageMaker Runtime answered 400")
                .hasMessageContaining("not found");
    }

    private static Endpoint.Request request(String body) {
        return new Endpoint.Request(
                body.getBytes(StandardCharsets.UTF_8),
                "application/jsonlines",
                "application/jsonlines",
                Optional.of("entities=prediction,reasons"));
    }
}
