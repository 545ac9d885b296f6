package com.example.credit.batch.endpoint;

import com.example.credit.batch.EndpointException;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;

/**
 * A deployed endpoint called through SageMaker Runtime ({@code InvokeEndpoint}): SigV4-signed, retried by the SDK on
 * throttling and transient errors, the model container's own errors reported with its status and message.
 */
public final class SageMakerEndpoint implements Endpoint {

    private final SageMakerRuntimeClient client;
    private final String endpointName;

    public SageMakerEndpoint(SageMakerRuntimeClient client, String endpointName) {
        this.client = Objects.requireNonNull(client, "client");
        this.endpointName = Objects.requireNonNull(endpointName, "endpointName");
    }

    @Override
    public Response invoke(Request request) {
        InvokeEndpointRequest.Builder call = InvokeEndpointRequest.builder()
                .endpointName(endpointName)
                .contentType(request.contentType())
                .accept(request.accept())
                .body(SdkBytes.fromByteArray(request.body()));
        request.customAttributes().ifPresent(call::customAttributes);
        try {
            InvokeEndpointResponse response = client.invokeEndpoint(call.build());
            return new Response(response.body().asByteArray(), response.contentType());
        } catch (ModelErrorException e) {
            throw new EndpointException(
                    describe() + ": the model container answered " + e.originalStatusCode() + ": " + e.originalMessage()
                            + (e.logStreamArn() == null ? "" : " (log " + e.logStreamArn() + ")"),
                    e);
        } catch (SageMakerRuntimeException e) {
            String code =
                    e.awsErrorDetails() == null ? "error" : e.awsErrorDetails().errorCode();
            throw new EndpointException(
                    describe() + ": SageMaker Runtime answered " + e.statusCode() + " " + code + ": "
                            + (e.awsErrorDetails() == null
                                    ? e.getMessage()
                                    : e.awsErrorDetails().errorMessage()),
                    e);
        } catch (SdkClientException e) {
            throw new EndpointException(describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "endpoint " + endpointName + " (SageMaker Runtime)";
    }
}
