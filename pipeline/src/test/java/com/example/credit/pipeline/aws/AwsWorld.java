package com.example.credit.pipeline.aws;

import com.example.credit.pipeline.EmbeddedS3;
import com.example.credit.pipeline.PipelineOptions;
import com.example.credit.testsupport.aws.AwsStandIn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * AWS on loopback for the AWS target's tests: the wire-protocol stand-in (CloudFormation, Lambda, Glue, SageMaker,
 * SageMaker Runtime, ECR) with the three stacks' outputs and the two pushed images, and the S3-compatible store as
 * the data bucket. The stacks name the bucket the store holds, so every S3 URI the target writes is real.
 */
final class AwsWorld implements AutoCloseable {

    static final String ACCOUNT = AwsStandIn.ACCOUNT;
    static final String REGISTRY = ACCOUNT + ".dkr.ecr." + AwsStandIn.REGION + ".amazonaws.com/";
    static final String TRAINING_REPOSITORY = REGISTRY + "creditmodel-training";
    static final String EXPLAINER_REPOSITORY = REGISTRY + "creditmodel-explainer";
    static final String TRAINING_DIGEST = "sha256:" + "1".repeat(64);
    static final String EXPLAINER_DIGEST = "sha256:" + "2".repeat(64);
    static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/CreditModel-SageMakerExecutionRole";
    static final String FUNCTION = "CreditData-Datagen";
    static final String GLUE_JOB = "credit-etl";
    static final Instant START = Instant.parse("2026-12-03T10:15:00Z");
    static final String RUN_ID = "20261203-101500";

    final EmbeddedS3 store;
    final AwsStandIn aws;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private final boolean ownsStore;

    private AwsWorld(EmbeddedS3 store, AwsStandIn aws, boolean ownsStore) {
        this.store = store;
        this.aws = aws;
        this.ownsStore = ownsStore;
    }

    /** The stand-in with the three stacks and both images, and a new store; no service runs anything yet. */
    static AwsWorld start(Path storeRoot) {
        return on(EmbeddedS3.start(storeRoot), true);
    }

    /** The same on a store that outlives this world (closing the world leaves it running). */
    static AwsWorld on(EmbeddedS3 store) {
        return on(store, false);
    }

    private static AwsWorld on(EmbeddedS3 store, boolean ownsStore) {
        AwsStandIn aws = AwsStandIn.start();
        aws.stack("CreditData", Map.of("DataBucketName", EmbeddedS3.BUCKET, "DatagenFunctionName", FUNCTION))
                .stack("CreditEtl", Map.of("EtlJobName", GLUE_JOB, "EtlWorkflowName", "credit-workflow"))
                .stack(
                        "CreditModel",
                        Map.of(
                                "TrainingRepositoryUri", TRAINING_REPOSITORY,
                                "ExplainerRepositoryUri", EXPLAINER_REPOSITORY,
                                "SageMakerRoleArn", ROLE))
                .image("creditmodel-training", "latest", TRAINING_DIGEST)
                .image("creditmodel-explainer", "latest", EXPLAINER_DIGEST);
        return new AwsWorld(store, aws, ownsStore);
    }

    /** SDK clients for the stand-in (every service but S3) and the store (S3). */
    AwsClients clients() {
        URI standIn = aws.endpoint();
        return AwsClients.create(
                Optional.of(AwsStandIn.REGION),
                StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)),
                Map.of(
                        "cloudformation", standIn,
                        "lambda", standIn,
                        "glue", standIn,
                        "sagemaker", standIn,
                        "sagemakerruntime", standIn,
                        "ecr", standIn,
                        "s3", store.endpoint()));
    }

    /** Polls every 20 ms growing to 100 ms, so that the stand-in's one-step-per-poll statuses pass quickly. */
    static Poller poller(Clock clock, Poller.Sleeper sleeper) {
        return new Poller(
                clock,
                sleeper,
                Duration.ofMillis(20),
                Duration.ofMillis(100),
                Duration.ofMinutes(1),
                Duration.ofMinutes(10));
    }

    static Poller.Sleeper shortSleeps() {
        return pause -> Thread.sleep(Math.min(pause.toMillis(), 100));
    }

    /** A run of the AWS target on this world: statlog or synthetic, seed 7, the given flags. */
    static PipelineOptions options(Path work, OptionalLong n, AwsOptions aws) {
        return new PipelineOptions(
                        n.isPresent() ? "synthetic" : "statlog",
                        n,
                        7,
                        work,
                        PipelineOptions.Store.LOCAL,
                        PipelineOptions.Runtime.IN_PROCESS)
                .onAws(aws);
    }

    static AwsOptions awsOptions(Optional<String> resume, boolean keepEndpoint) {
        return new AwsOptions(
                "Credit",
                Optional.of(AwsStandIn.REGION),
                resume,
                keepEndpoint,
                AwsOptions.DEFAULT_ENDPOINT_NAME,
                "latest",
                "ml.m5.large");
    }

    /** Opens the AWS target as the command does, on this world's clients and a fast poller. */
    AwsStages open(PipelineOptions options, Poller.Sleeper sleeper) {
        return open(options, sleeper, START);
    }

    /** The same, with the run starting at {@code start} (its id). */
    AwsStages open(PipelineOptions options, Poller.Sleeper sleeper, Instant start) {
        AwsClients clients = clients();
        // A clock that reads START when the run begins (the run id) and moves on with real time (the waits).
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), start));
        return AwsStages.open(options, out, clients, poller(clock, sleeper), clock, true);
    }

    String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            aws.close();
        } finally {
            if (ownsStore) {
                store.close();
            }
        }
    }
}
