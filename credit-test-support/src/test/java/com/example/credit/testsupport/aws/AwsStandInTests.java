package com.example.credit.testsupport.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ResourceLimitExceededException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;

/** The stand-in as a whole: the loopback server, the recording, injected faults and closing. */
class AwsStandInTests {

    private final AwsStandIn aws = AwsStandIn.start();
    private final SageMakerClient sageMaker = Clients.of(aws, SageMakerClient.builder());

    @AfterEach
    void close() {
        sageMaker.close();
        aws.close();
    }

    @Test
    void listensOnAnEphemeralPortOfTheLoopbackAddress() {
        assertThat(aws.endpoint().getScheme()).isEqualTo("http");
        assertThat(aws.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(aws.endpoint().getPort()).isPositive();
    }

    @Test
    void throttlingIsRetriedByTheSdkAndEveryAttemptIsRecorded() {
        aws.training(job -> Map.of())
                .fault("SageMaker.CreateTrainingJob", 2, 400, "ThrottlingException", "Rate exceeded");

        sageMaker.createTrainingJob(SageMakerTrainingStandInTests.trainingJob("credit-train-1"));

        List<Recorded> attempts = aws.requests("SageMaker.CreateTrainingJob");
        assertThat(attempts).hasSize(3);
        assertThat(attempts).allSatisfy(attempt -> assertThat(
                        attempt.json().get("TrainingJobName").asString())
                .isEqualTo("credit-train-1"));
        // The faults answered before the service: one job, no ResourceInUse on the third attempt.
        assertThat(sageMaker
                        .describeTrainingJob(request -> request.trainingJobName("credit-train-1"))
                        .trainingJobStatus())
                .isEqualTo(TrainingJobStatus.IN_PROGRESS);
    }

    @Test
    void faultsThatTheSdkDoesNotRetryReachTheCallerAsTheServicesExceptions() {
        aws.fault("SageMaker.CreateTrainingJob", 1, 400, "ResourceLimitExceeded", "account-level service limit")
                .fault("SageMaker.DescribeEndpoint", 1, 400, "AccessDeniedException", "not authorized");

        ResourceLimitExceededException limit = catchThrowableOfType(
                ResourceLimitExceededException.class,
                () -> sageMaker.createTrainingJob(SageMakerTrainingStandInTests.trainingJob("credit-train-1")));
        SageMakerException denied = catchThrowableOfType(
                SageMakerException.class,
                () -> sageMaker.describeEndpoint(request -> request.endpointName("credit-explainer")));

        assertThat(limit.awsErrorDetails().errorMessage()).isEqualTo("account-level service limit");
        assertThat(denied.statusCode()).isEqualTo(400);
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        assertThat(aws.requests("SageMaker.CreateTrainingJob")).hasSize(1);
    }

    @Test
    void faultsSpeakTheRestJsonFormatOfLambdaAndSageMakerRuntime() {
        aws.function("credit-datagen", payload -> "{}")
                .fault("Lambda.Invoke", 1, 403, "AccessDeniedException", "not allowed to invoke")
                .fault("SageMakerRuntime.InvokeEndpoint", 1, 400, "ValidationError", "bad endpoint");

        try (LambdaClient lambda = Clients.of(aws, LambdaClient.builder());
                SageMakerRuntimeClient runtime = Clients.of(aws, SageMakerRuntimeClient.builder())) {
            LambdaException denied = catchThrowableOfType(
                    LambdaException.class, () -> lambda.invoke(request -> request.functionName("credit-datagen")));
            SageMakerRuntimeException invalid = catchThrowableOfType(
                    SageMakerRuntimeException.class,
                    () -> runtime.invokeEndpoint(
                            request -> request.endpointName("credit-explainer").body(SdkBytes.fromUtf8String("{}"))));

            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(denied.awsErrorDetails().errorMessage()).isEqualTo("not allowed to invoke");
            assertThat(invalid.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
            assertThat(invalid.awsErrorDetails().errorMessage()).isEqualTo("bad endpoint");
            // The fault is spent: the next call reaches the function.
            assertThat(lambda.invoke(request -> request.functionName("credit-datagen"))
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aThrottledLambdaInvocationIsRetriedToo() {
        aws.function("credit-datagen", payload -> "{\"ok\":true}")
                .fault("Lambda.Invoke", 1, 429, "TooManyRequestsException", "Rate Exceeded.");

        try (LambdaClient lambda = Clients.of(aws, LambdaClient.builder())) {
            assertThat(lambda.invoke(request -> request.functionName("credit-datagen"))
                            .payload()
                            .asUtf8String())
                    .isEqualTo("{\"ok\":true}");
        }

        assertThat(aws.requests("Lambda.Invoke")).hasSize(2);
    }

    @Test
    void recordsConcurrentRequestsFromManyThreadsWithoutLosingOne() throws Exception {
        aws.glueJob("credit-etl", arguments -> {});
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try (GlueClient glue = Clients.of(aws, GlueClient.builder())) {
            List<Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                runs.add(callers.submit(() -> glue.startJobRun(request -> request.jobName("credit-etl"))
                        .jobRunId()));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> run : runs) {
                ids.add(run.get(10, TimeUnit.SECONDS));
            }

            assertThat(ids).doesNotHaveDuplicates().hasSize(20);
            assertThat(aws.requests("Glue.StartJobRun")).hasSize(20);
            assertThat(aws.requests()).hasSize(20);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void answersARequestNoServiceClaimsWith404AndRecordsIt() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(aws.endpoint().resolve("/nothing-here"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("UnknownOperationException");
        assertThat(aws.requests()).singleElement().satisfies(request -> {
            assertThat(request.service()).isEqualTo("Unknown");
            assertThat(request.path()).isEqualTo("/nothing-here");
        });
    }

    @Test
    void closingStopsTheModelServersAndTheExecutorThreads() throws Exception {
        ModelServers servers = new ModelServers();
        CountDownLatch training = new CountDownLatch(1);
        aws.hosting(servers).training(job -> {
            training.countDown();
            Thread.sleep(60_000);
            return Map.of();
        });
        sageMaker.createModel(request -> request.modelName("m").primaryContainer(c -> c.image("credit-explainer:1")));
        sageMaker.createEndpointConfig(request -> request.endpointConfigName("c")
                .productionVariants(ProductionVariant.builder()
                        .variantName("AllTraffic")
                        .modelName("m")
                        .build()));
        sageMaker.createEndpoint(request -> request.endpointName("e").endpointConfigName("c"));
        sageMaker.createTrainingJob(SageMakerTrainingStandInTests.trainingJob("credit-train-1"));
        assertThat(training.await(5, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (servers.running() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(servers.running()).isEqualTo(1);
        assertThat(standInThreads(false)).isNotEmpty().allMatch(Thread::isDaemon);

        aws.close();

        assertThat(servers.running()).isZero();
        assertThat(servers.log()).last().asString().startsWith("stop e ");
        assertThat(standInThreads(true)).isEmpty();
        assertThatThrownBy(() -> sageMaker.describeEndpoint(request -> request.endpointName("e")))
                .isInstanceOf(SdkClientException.class);
    }

    /** The stand-in's live threads (HTTP and background); when ending, after a moment for the ones that end. */
    private static List<Thread> standInThreads(boolean ending) throws InterruptedException {
        List<Thread> alive = List.of();
        for (int i = 0; i < 100; i++) {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("aws-stand-in-") && thread.isAlive())
                    .toList();
            if (!ending || alive.isEmpty()) {
                break;
            }
            Thread.sleep(20);
        }
        return alive;
    }

    @Test
    void refusesFaultsItCannotInject() {
        assertThatThrownBy(() -> aws.fault("CreateTrainingJob", 1, 400, "ThrottlingException", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Service.Operation");
        assertThatThrownBy(() -> aws.fault("SageMaker.CreateTrainingJob", 0, 400, "ThrottlingException", "x"))
                .hasMessageContaining("times");
        assertThatThrownBy(() -> aws.fault("SageMaker.CreateTrainingJob", 1, 200, "ThrottlingException", "x"))
                .hasMessageContaining("httpStatus");
    }
}
