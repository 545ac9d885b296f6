package com.example.credit.testsupport.aws;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loopback stand-in for the AWS services that {@code ./run-pipeline.sh --target aws} drives, for tests: one HTTP
 * server on 127.0.0.1 that speaks the wire protocols of CloudFormation (awsQuery), Lambda and SageMaker Runtime
 * (restJson1), Glue, SageMaker and ECR's DescribeImages (awsJson1_1), so that unmodified AWS SDK v2 clients work against it when built
 * with {@code endpointOverride(standIn.endpoint())}, static credentials and region {@value #REGION}. S3 is not here
 * (the tests use S3Mock).
 *
 * <p>What the services run is the test's: Lambda {@link #function functions}, {@link #glueJob Glue jobs}, the
 * {@link #training training}, {@link #transform transform} and {@link #hosting hosting} executors; this module
 * depends on no stage, so the pipeline's tests plug in the stages' local execution. Jobs run on daemon threads named
 * {@code aws-stand-in-*}; their statuses move one step per Describe/Get, and reach the terminal status only after
 * the executor has ended, so a poller sees the same sequence on every run. Every request is {@link #requests()
 * recorded}; {@link #fault} makes the next calls of an operation fail in the service's own error format.
 *
 * <pre>{@code
 * try (AwsStandIn aws = AwsStandIn.start()) {
 *     aws.stack("CreditStack", Map.of("BucketName", "credit-bucket"))
 *        .function("credit-datagen", payload -> "{\"rows\":1000}")
 *        .fault("SageMaker.CreateTrainingJob", 2, 400, "ThrottlingException", "Rate exceeded");
 *     SageMakerClient sageMaker = SageMakerClient.builder().endpointOverride(aws.endpoint())...build();
 * }
 * }</pre>
 */
public final class AwsStandIn implements AutoCloseable {

    /** The region of the clients, in the ARNs the stand-in makes. */
    public static final String REGION = "eu-west-1";

    /** The account in the ARNs the stand-in makes: the one AWS uses in its documentation. */
    public static final String ACCOUNT = "123456789012";

    private final HttpServer server;
    private final ExecutorService httpThreads;
    private final Background background = new Background();
    private final CloudFormationService cloudFormation = new CloudFormationService();
    private final LambdaService lambda;
    private final GlueService glue;
    private final SageMakerService sageMaker;
    private final EcrService ecr = new EcrService();
    private final Dispatcher dispatcher;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AwsStandIn() throws IOException {
        lambda = new LambdaService(background);
        glue = new GlueService(background);
        sageMaker = new SageMakerService(background);
        dispatcher =
                new Dispatcher(glue, sageMaker, ecr, lambda, new SageMakerRuntimeService(sageMaker), cloudFormation);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", dispatcher);
        // Unbounded, so that a Lambda function or a model server may call back into the stand-in.
        httpThreads = Executors.newCachedThreadPool(Background.threads("aws-stand-in-http-"));
        server.setExecutor(httpThreads);
        server.start();
    }

    /** Starts a stand-in on an ephemeral port of 127.0.0.1. */
    public static AwsStandIn start() {
        try {
            return new AwsStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the AWS stand-in on 127.0.0.1", e);
        }
    }

    /** The base URL for the clients' {@code endpointOverride}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Registers a CloudFormation stack in {@code CREATE_COMPLETE} with these outputs. */
    public AwsStandIn stack(String name, Map<String, String> outputs) {
        return stack(name, "CREATE_COMPLETE", outputs);
    }

    /** Registers a CloudFormation stack in the given status ({@code UPDATE_ROLLBACK_COMPLETE}, ...). */
    public AwsStandIn stack(String name, String status, Map<String, String> outputs) {
        cloudFormation.stack(Objects.requireNonNull(name, "name"), Objects.requireNonNull(status, "status"), outputs);
        return this;
    }

    /** Registers a pushed image: ECR's DescribeImages finds {@code tag} in {@code repository} with this digest. */
    public AwsStandIn image(String repository, String tag, String digest) {
        ecr.image(repository, tag, digest);
        return this;
    }

    /** Registers a Lambda function under its name (callers may also name it by ARN). */
    public AwsStandIn function(String name, LambdaFunction function) {
        lambda.function(Objects.requireNonNull(name, "name"), Objects.requireNonNull(function, "function"));
        return this;
    }

    /** Registers a Glue job: {@code StartJobRun} of an unknown job answers {@code EntityNotFoundException}. */
    public AwsStandIn glueJob(String name, GlueJob job) {
        glue.job(Objects.requireNonNull(name, "name"), Objects.requireNonNull(job, "job"));
        return this;
    }

    /** Sets what runs training jobs; without one, every training job fails and says so. */
    public AwsStandIn training(TrainingExecutor executor) {
        sageMaker.training(Objects.requireNonNull(executor, "executor"));
        return this;
    }

    /** Sets what runs batch transform jobs; without one, every transform job fails and says so. */
    public AwsStandIn transform(TransformExecutor executor) {
        sageMaker.transform(Objects.requireNonNull(executor, "executor"));
        return this;
    }

    /** Sets what serves endpoints; without it, every endpoint fails to start and says so. */
    public AwsStandIn hosting(Hosting hosting) {
        sageMaker.hosting(Objects.requireNonNull(hosting, "hosting"));
        return this;
    }

    /**
     * Makes the next {@code times} calls of an operation fail with this error, in the service's own error format
     * (awsJson1_1 {@code __type}, restJson1 {@code x-amzn-ErrorType}, awsQuery {@code <ErrorResponse>}); the calls
     * are recorded all the same. The SDK retries throttling and 5xx errors by itself: two
     * {@code ThrottlingException}s make one SDK call of three requests.
     *
     * @param operation as in {@link Recorded#operation()}: {@code SageMaker.CreateTrainingJob}, {@code Lambda.Invoke},
     *     {@code Glue.StartJobRun}, {@code CloudFormation.DescribeStacks}, {@code SageMakerRuntime.InvokeEndpoint}
     * @param httpStatus 400 to 599
     * @param errorCode the code the SDK maps to its exception: {@code ThrottlingException},
     *     {@code AccessDeniedException}, {@code ResourceLimitExceeded}, {@code Throttling} (CloudFormation), ...
     */
    public AwsStandIn fault(String operation, int times, int httpStatus, String errorCode, String message) {
        if (operation == null || operation.indexOf('.') <= 0) {
            throw new IllegalArgumentException("operation must read Service.Operation, was " + operation);
        }
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("httpStatus must be an error status (400-599), was " + httpStatus);
        }
        dispatcher.fault(
                operation,
                times,
                new Dispatcher.Fault(
                        httpStatus, Objects.requireNonNull(errorCode, "errorCode"), Objects.toString(message, "")));
        return this;
    }

    /** Every request so far, in arrival order. */
    public List<Recorded> requests() {
        return dispatcher.recorded();
    }

    /** The requests of one operation ({@code SageMaker.CreateTrainingJob}), in arrival order. */
    public List<Recorded> requests(String operation) {
        return requests().stream()
                .filter(request -> request.operation().equals(operation))
                .toList();
    }

    /**
     * Waits until all background work started so far has ended: jobs, endpoint starts and stops, asynchronous
     * ({@code Event}) Lambda invocations. Statuses still move only on Describe/Get calls.
     */
    public void awaitIdle(Duration timeout) throws InterruptedException, TimeoutException {
        background.awaitIdle(timeout);
    }

    /**
     * Stops the server (a second call does nothing), interrupts the executors still running (waiting a few seconds for them) and stops every
     * model server that {@link Hosting} started and that still runs.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        server.stop(0);
        background.close();
        sageMaker.stopHosting();
        httpThreads.shutdownNow();
        try {
            httpThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
