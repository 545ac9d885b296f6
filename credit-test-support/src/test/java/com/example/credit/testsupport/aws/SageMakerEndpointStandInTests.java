package com.example.credit.testsupport.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;
import tools.jackson.databind.JsonNode;

/** SageMaker hosting over awsJson1_1 and SageMaker Runtime's InvokeEndpoint over restJson1, with the SDK's clients. */
class SageMakerEndpointStandInTests {

    /** The SDK's waiters poll every 30 s by default; the stand-in needs no such patience. */
    private static final WaiterOverrideConfiguration FAST_WAITER = WaiterOverrideConfiguration.builder()
            .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(10)))
            .maxAttempts(200)
            .build();

    private final AwsStandIn aws = AwsStandIn.start();
    private final ModelServers servers = new ModelServers();
    private final SageMakerClient sageMaker = Clients.of(aws, SageMakerClient.builder());
    private final SageMakerRuntimeClient runtime = Clients.of(aws, SageMakerRuntimeClient.builder());

    SageMakerEndpointStandInTests() {
        aws.hosting(servers);
    }

    @AfterEach
    void close() {
        sageMaker.close();
        runtime.close();
        aws.close();
    }

    /** A model and an endpoint configuration serving it, both named {@code name}. */
    private void modelAndConfig(String name, String image) {
        sageMaker.createModel(request -> request.modelName(name)
                .executionRoleArn("arn:aws:iam::123456789012:role/credit-serving")
                .primaryContainer(container -> container
                        .image(image)
                        .modelDataUrl("s3://credit-bucket/models/" + name + "/output/model.tar.gz")
                        .environment(Map.of("SAGEMAKER_BIND_TO_PORT", "8080"))));
        sageMaker.createEndpointConfig(request -> request.endpointConfigName(name)
                .productionVariants(ProductionVariant.builder()
                        .variantName("AllTraffic")
                        .modelName(name)
                        .initialInstanceCount(1)
                        .instanceType("ml.m5.large")
                        .build()));
    }

    private DescribeEndpointResponse describe() {
        return sageMaker.describeEndpoint(request -> request.endpointName("credit-explainer"));
    }

    private List<String> pollEndpoint() {
        return Clients.distinct(Clients.pollUntil(
                this::describe, DescribeEndpointResponse::endpointStatusAsString, "InService", "Failed"));
    }

    private InvokeEndpointResponse invoke(String body) {
        return runtime.invokeEndpoint(request -> request.endpointName("credit-explainer")
                .contentType("application/json")
                .accept("application/jsonlines")
                .customAttributes("entities=true")
                .body(SdkBytes.fromUtf8String(body)));
    }

    private String servingModel() {
        return Json.MAPPER
                .readTree(invoke("{}").body().asUtf8String())
                .get("model")
                .asString();
    }

    @Test
    void createsAnEndpointThatServesInvocationsThroughTheModelServer() {
        modelAndConfig("credit-model-1", "credit-explainer:1");
        servers.hold();

        String arn = sageMaker
                .createEndpoint(request -> request.endpointName("credit-explainer")
                        .endpointConfigName("credit-model-1")
                        .tags(Tag.builder().key("project").value("credit").build()))
                .endpointArn();
        DescribeEndpointResponse creating = describe();
        ValidationErrorException notYet = catchThrowableOfType(ValidationErrorException.class, () -> invoke("{}"));
        servers.open();
        List<String> statuses = pollEndpoint();
        InvokeEndpointResponse response = invoke("{\"duration_months\":12}");

        assertThat(arn).isEqualTo("arn:aws:sagemaker:eu-west-1:123456789012:endpoint/credit-explainer");
        assertThat(creating.endpointStatus()).isEqualTo(EndpointStatus.CREATING);
        assertThat(notYet.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(notYet.getMessage()).contains("Endpoint credit-explainer of account 123456789012 not found.");
        // The first Describe saw Creating; the poll sees Creating again only while the model server is still
        // starting after the hold is released (seen on a loaded machine).
        assertThat(statuses).isIn(List.of("Creating", "InService"), List.of("InService"));
        DescribeEndpointResponse inService = describe();
        assertThat(inService.endpointConfigName()).isEqualTo("credit-model-1");
        assertThat(inService.productionVariants()).singleElement().satisfies(variant -> {
            assertThat(variant.variantName()).isEqualTo("AllTraffic");
            assertThat(variant.deployedImages().get(0).specifiedImage()).isEqualTo("credit-explainer:1");
        });
        assertThat(response.contentType()).isEqualTo("application/jsonlines");
        assertThat(response.invokedProductionVariant()).isEqualTo("AllTraffic");
        assertThat(response.customAttributes()).isEqualTo("seen=entities=true");
        JsonNode answer = Json.MAPPER.readTree(response.body().asUtf8String());
        assertThat(answer.get("model").asString()).isEqualTo("credit-model-1");
        assertThat(answer.get("received").asString()).isEqualTo("{\"duration_months\":12}");
        assertThat(answer.get("contentType").asString()).isEqualTo("application/json");
        assertThat(answer.get("accept").asString()).isEqualTo("application/jsonlines");
        assertThat(sageMaker.listTags(request -> request.resourceArn(arn)).tags())
                .extracting(Tag::key)
                .containsExactly("project");
        assertThat(aws.requests("SageMakerRuntime.InvokeEndpoint").get(0).path())
                .isEqualTo("/endpoints/credit-explainer/invocations");
    }

    @Test
    void passesAContainerErrorOnAsModelErrorWithTheOriginalStatusAndMessage() {
        modelAndConfig("credit-model-1", "credit-explainer:1");
        sageMaker.createEndpoint(
                request -> request.endpointName("credit-explainer").endpointConfigName("credit-model-1"));
        pollEndpoint();

        ModelErrorException error = catchThrowableOfType(ModelErrorException.class, () -> invoke("{\"reject\":true}"));

        assertThat(error.statusCode()).isEqualTo(424);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ModelError");
        assertThat(error.originalStatusCode()).isEqualTo(400);
        assertThat(error.originalMessage()).isEqualTo("{\"error\":\"cannot read the application\"}");
        assertThat(error.logStreamArn()).endsWith(":log-group:/aws/sagemaker/Endpoints/credit-explainer");
        assertThat(error.getMessage()).contains("Received client error (400) from primary with message");
    }

    @Test
    void updatesBlueGreenStartingTheNewModelBeforeStoppingTheOld() {
        modelAndConfig("credit-model-1", "credit-explainer:1");
        modelAndConfig("credit-model-2", "credit-explainer:2");
        sageMaker.createEndpoint(
                request -> request.endpointName("credit-explainer").endpointConfigName("credit-model-1"));
        pollEndpoint();
        servers.hold();

        sageMaker.updateEndpoint(
                request -> request.endpointName("credit-explainer").endpointConfigName("credit-model-2"));
        DescribeEndpointResponse updating = describe();
        String servedWhileUpdating = servingModel();
        servers.open();
        List<String> statuses = pollEndpoint();

        assertThat(updating.endpointStatus()).isEqualTo(EndpointStatus.UPDATING);
        assertThat(updating.endpointConfigName()).isEqualTo("credit-model-1");
        assertThat(updating.pendingDeploymentSummary().endpointConfigName()).isEqualTo("credit-model-2");
        assertThat(servedWhileUpdating).isEqualTo("credit-model-1");
        // The first Describe saw Updating; the poll sees Updating again only while the new model is still starting.
        assertThat(statuses).isIn(List.of("Updating", "InService"), List.of("InService"));
        assertThat(describe().endpointConfigName()).isEqualTo("credit-model-2");
        assertThat(describe().failureReason()).isNull();
        assertThat(servingModel()).isEqualTo("credit-model-2");
        assertThat(servers.log())
                .map(line -> line.replaceAll("http://\\S+", "URL"))
                .containsExactly(
                        "start credit-explainer credit-model-1",
                        "start credit-explainer credit-model-2",
                        "stop credit-explainer URL");
        assertThat(servers.running()).isEqualTo(1);
    }

    @Test
    void rollsAFailedUpdateBackToThePreviousConfigurationWhichKeepsServing() {
        modelAndConfig("credit-model-1", "credit-explainer:1");
        modelAndConfig("credit-model-broken", "broken");
        modelAndConfig("credit-model-2", "credit-explainer:2");
        sageMaker.createEndpoint(
                request -> request.endpointName("credit-explainer").endpointConfigName("credit-model-1"));
        pollEndpoint();

        sageMaker.updateEndpoint(
                request -> request.endpointName("credit-explainer").endpointConfigName("credit-model-broken"));
        List<String> statuses = pollEndpoint();
        DescribeEndpointResponse rolledBack = describe();

        assertThat(statuses).containsExactly("Updating", "InService");
        assertThat(rolledBack.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
        assertThat(rolledBack.endpointConfigName()).isEqualTo("credit-model-1");
        assertThat(rolledBack.failureReason())
                .isEqualTo(
                        "The primary container for production variant AllTraffic did not pass the ping health check.");
        assertThat(servingModel()).isEqualTo("credit-model-1");

        // The next update clears the reason.
        sageMaker.updateEndpoint(
                request -> request.endpointName("credit-explainer").endpointConfigName("credit-model-2"));
        assertThat(describe().failureReason()).isNull();
        pollEndpoint();
        assertThat(describe().endpointConfigName()).isEqualTo("credit-model-2");
    }

    @Test
    void failsAnEndpointWhoseModelDoesNotStartAndRefusesToUpdateIt() {
        modelAndConfig("credit-model-broken", "broken");
        sageMaker.createEndpoint(
                request -> request.endpointName("credit-explainer").endpointConfigName("credit-model-broken"));

        List<String> statuses = pollEndpoint();
        SageMakerException update = catchThrowableOfType(
                SageMakerException.class,
                () -> sageMaker.updateEndpoint(
                        request -> request.endpointName("credit-explainer").endpointConfigName("credit-model-broken")));

        assertThat(statuses).containsExactly("Creating", "Failed");
        assertThat(describe().failureReason()).contains("did not pass the ping health check");
        assertThat(update.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    }

    @Test
    void deletesAnEndpointThroughDeletingAndStopsItsServer() {
        modelAndConfig("credit-model-1", "credit-explainer:1");
        sageMaker.createEndpoint(
                request -> request.endpointName("credit-explainer").endpointConfigName("credit-model-1"));
        pollEndpoint();

        sageMaker.deleteEndpoint(request -> request.endpointName("credit-explainer"));
        DescribeEndpointResponse deleting = describe();
        boolean deletedAsSageMakerAnswers = sageMaker
                .waiter()
                .waitUntilEndpointDeleted(
                        DescribeEndpointRequest.builder()
                                .endpointName("credit-explainer")
                                .build(),
                        FAST_WAITER)
                .matched()
                .exception()
                .isPresent();

        assertThat(deleting.endpointStatus()).isEqualTo(EndpointStatus.DELETING);
        // The SDK's waiter takes the ValidationException of a gone endpoint for deleted.
        assertThat(deletedAsSageMakerAnswers).isTrue();
        SageMakerException gone = catchThrowableOfType(SageMakerException.class, this::describe);
        assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(gone.awsErrorDetails().errorMessage())
                .isEqualTo("Could not find endpoint \"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/"
                        + "credit-explainer\".");
        assertThat(servers.running()).isZero();
    }

    @Test
    void answersTheSdkWaiterForInService() {
        modelAndConfig("credit-model-1", "credit-explainer:1");
        sageMaker.createEndpoint(
                request -> request.endpointName("credit-explainer").endpointConfigName("credit-model-1"));

        DescribeEndpointResponse inService = sageMaker
                .waiter()
                .waitUntilEndpointInService(
                        DescribeEndpointRequest.builder()
                                .endpointName("credit-explainer")
                                .build(),
                        FAST_WAITER)
                .matched()
                .response()
                .orElseThrow();

        assertThat(inService.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    }

    @Test
    void managesModelsAndConfigurationsAndChecksTheModelsAConfigurationNames() {
        modelAndConfig("credit-model-1", "credit-explainer:1");

        assertThat(sageMaker
                        .describeModel(request -> request.modelName("credit-model-1"))
                        .primaryContainer()
                        .modelDataUrl())
                .isEqualTo("s3://credit-bucket/models/credit-model-1/output/model.tar.gz");
        assertThat(sageMaker
                        .describeEndpointConfig(request -> request.endpointConfigName("credit-model-1"))
                        .productionVariants()
                        .get(0)
                        .modelName())
                .isEqualTo("credit-model-1");
        SageMakerException unknownModel = catchThrowableOfType(
                SageMakerException.class,
                () -> sageMaker.createEndpointConfig(request -> request.endpointConfigName("other")
                        .productionVariants(ProductionVariant.builder()
                                .variantName("AllTraffic")
                                .modelName("no-such-model")
                                .build())));
        assertThat(unknownModel.awsErrorDetails().errorMessage())
                .isEqualTo("Could not find model \"arn:aws:sagemaker:eu-west-1:123456789012:model/no-such-model\".");

        sageMaker.deleteEndpointConfig(request -> request.endpointConfigName("credit-model-1"));
        sageMaker.deleteModel(request -> request.modelName("credit-model-1"));
        assertThat(catchThrowableOfType(
                        SageMakerException.class,
                        () -> sageMaker.describeModel(request -> request.modelName("credit-model-1"))))
                .isNotNull();
        assertThat(catchThrowableOfType(
                                SageMakerException.class,
                                () -> sageMaker.describeEndpointConfig(
                                        request -> request.endpointConfigName("credit-model-1")))
                        .awsErrorDetails()
                        .errorMessage())
                .startsWith("Could not find endpoint configuration");
    }

    @Test
    void answersAnUnknownEndpointAsSageMakerAndItsRuntimeDo() {
        SageMakerException describe = catchThrowableOfType(SageMakerException.class, this::describe);
        ValidationErrorException invoke = catchThrowableOfType(ValidationErrorException.class, () -> invoke("{}"));

        assertThat(describe.statusCode()).isEqualTo(400);
        assertThat(describe.awsErrorDetails().errorMessage())
                .startsWith("Could not find endpoint \"arn:aws:sagemaker:");
        assertThat(invoke.statusCode()).isEqualTo(400);
        assertThat(invoke.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    }
}
