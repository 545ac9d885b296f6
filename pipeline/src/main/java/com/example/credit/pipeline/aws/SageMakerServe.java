package com.example.credit.pipeline.aws;

import com.example.credit.batch.endpoint.Endpoint;
import com.example.credit.batch.endpoint.SageMakerEndpoint;
import com.example.credit.pipeline.Stages;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

/**
 * The serve stage on AWS: a SageMaker model on the pushed explainer image and the trained {@code model.tar.gz}, an
 * endpoint configuration of this run, and the endpoint created, or updated to the new configuration when it exists
 * (SageMaker's blue/green: the old fleet serves until the new one is healthy, and a failed update rolls back).
 * Closing the result deletes the endpoint and this run's configuration unless {@code --keep-endpoint}; the model
 * stays for Batch Transform.
 */
final class SageMakerServe {

    static final String STAGE = "serve";
    static final String VARIANT = "AllTraffic";

    private final AwsRun run;
    private final String image;

    SageMakerServe(AwsRun run, String image) {
        this.run = run;
        this.image = image;
    }

    /** The SageMaker model of this run (also Batch Transform's). */
    String modelName() {
        return AwsOptions.NAME_PREFIX + "model-" + run.runId();
    }

    String configName() {
        return AwsOptions.NAME_PREFIX + "explainer-" + run.runId();
    }

    Stages.Served serve(String modelData, Consumer<String> progress) {
        // Always run, also on resume: a finished serve stage's endpoint was deleted at the end of that run. What
        // that attempt recorded about its endpoint no longer holds.
        run.record.update(STAGE, stage -> new RunRecord.Stage(
                        RunRecord.Status.PENDING,
                        stage.started(),
                        stage.ended(),
                        stage.resources(),
                        stage.figures(),
                        Optional.empty())
                .withoutResources("in_service_since", "endpoint_deleted", "previous_endpoint_config"));
        return run.stage(STAGE, () -> null, before -> start(modelData, progress), progress);
    }

    private Stages.Served start(String modelData, Consumer<String> progress) {
        String endpoint = run.options.endpointName();
        createModel(modelData, progress);
        createConfig(progress);
        Optional<DescribeEndpointResponse> existing = describe(endpoint);
        Instant requested = run.now();
        if (existing.isEmpty()) {
            call(
                    "creating endpoint " + endpoint + " (SageMaker CreateEndpoint)",
                    () -> run.clients.sageMaker().createEndpoint(request -> request.endpointName(endpoint)
                            .endpointConfigName(configName())
                            .tags(run.tags())));
            progress.accept("endpoint " + endpoint + " created with configuration " + configName());
        } else if (configName().equals(existing.get().endpointConfigName())) {
            progress.accept("endpoint " + endpoint + " already uses " + configName() + " ("
                    + existing.get().endpointStatusAsString() + ")");
        } else {
            String previous = existing.get().endpointConfigName();
            if (!"InService".equals(existing.get().endpointStatusAsString())) {
                throw new AwsStageException(
                        "endpoint " + endpoint + " is " + existing.get().endpointStatusAsString()
                                + " and cannot be updated now; wait for it to be InService or delete it ('aws sagemaker"
                                + " delete-endpoint --endpoint-name " + endpoint + "')");
            }
            call("updating endpoint " + endpoint + " (SageMaker UpdateEndpoint)", () -> run.clients
                    .sageMaker()
                    .updateEndpoint(request -> request.endpointName(endpoint).endpointConfigName(configName())));
            run.resource(STAGE, "previous_endpoint_config", previous);
            progress.accept("endpoint " + endpoint + " updating from " + previous + " to " + configName()
                    + " (blue/green: the old configuration serves until the new one is healthy)");
        }
        run.resource(STAGE, "endpoint", endpoint);
        Poller.Poll last = run.poller.await("endpoint " + endpoint, () -> poll(endpoint), progress);
        if (last.phase() == Poller.Phase.FAILED) {
            throw new AwsJobFailedException("endpoint " + endpoint + " did not come into service with " + configName()
                    + ": " + last.status() + ": " + last.message()
                    + " (log group /aws/sagemaker/Endpoints/" + endpoint + ")");
        }
        Instant inService = run.now();
        run.resource(STAGE, "in_service_since", inService.toString());
        progress.accept(
                "endpoint " + endpoint + " in service after " + Poller.elapsed(Duration.between(requested, inService)));
        return new AwsServed(endpoint, inService);
    }

    private void createModel(String modelData, Consumer<String> progress) {
        if (exists(() -> run.clients.sageMaker().describeModel(request -> request.modelName(modelName())))) {
            progress.accept("model " + modelName() + " exists");
            return;
        }
        call(
                "creating model " + modelName() + " (SageMaker CreateModel)",
                () -> run.clients.sageMaker().createModel(request -> request.modelName(modelName())
                        .executionRoleArn(run.stacks.sageMakerRole())
                        .primaryContainer(container ->
                                container.image(image).modelDataUrl(modelData).mode("SingleModel"))
                        .tags(run.tags())));
        run.resource(STAGE, "model", modelName());
        progress.accept("model " + modelName() + ": " + image + " with " + modelData);
    }

    private void createConfig(Consumer<String> progress) {
        if (exists(() ->
                run.clients.sageMaker().describeEndpointConfig(request -> request.endpointConfigName(configName())))) {
            progress.accept("endpoint configuration " + configName() + " exists");
            return;
        }
        call(
                "creating endpoint configuration " + configName() + " (SageMaker CreateEndpointConfig)",
                () -> run.clients.sageMaker().createEndpointConfig(request -> request.endpointConfigName(configName())
                        .productionVariants(ProductionVariant.builder()
                                .variantName(VARIANT)
                                .modelName(modelName())
                                .instanceType(run.options.instanceType())
                                .initialInstanceCount(1)
                                .initialVariantWeight(1f)
                                .build())
                        .tags(run.tags())));
        run.resource(STAGE, "endpoint_config", configName());
    }

    /** Whether a Describe call finds its resource; SageMaker answers a missing one with "Could not find ...". */
    private static boolean exists(Runnable describe) {
        try {
            describe.run();
            return true;
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null
                    && String.valueOf(e.awsErrorDetails().errorMessage()).startsWith("Could not find")) {
                return false;
            }
            throw AwsFailures.explain("reading a SageMaker resource", e);
        } catch (SdkException e) {
            throw AwsFailures.explain("reading a SageMaker resource", e);
        }
    }

    private Optional<DescribeEndpointResponse> describe(String endpoint) {
        try {
            return Optional.of(run.clients.sageMaker().describeEndpoint(request -> request.endpointName(endpoint)));
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null
                    && String.valueOf(e.awsErrorDetails().errorMessage()).startsWith("Could not find endpoint")) {
                return Optional.empty();
            }
            throw AwsFailures.explain("reading endpoint " + endpoint + " (SageMaker DescribeEndpoint)", e);
        } catch (SdkException e) {
            throw AwsFailures.explain("reading endpoint " + endpoint + " (SageMaker DescribeEndpoint)", e);
        }
    }

    private Poller.Poll poll(String endpoint) {
        DescribeEndpointResponse described = describe(endpoint)
                .orElseThrow(
                        () -> new AwsStageException("endpoint " + endpoint + " disappeared while it was starting"));
        String status = described.endpointStatusAsString();
        return switch (status) {
            case "InService" ->
                configName().equals(described.endpointConfigName())
                        ? new Poller.Poll(Poller.Phase.DONE, status, "")
                        // SageMaker rolls a failed update back: in service again, on the previous configuration.
                        : new Poller.Poll(
                                Poller.Phase.FAILED,
                                status + " on " + described.endpointConfigName() + " (update rolled back)",
                                described.failureReason());
            case "Failed", "UpdateRollbackFailed", "OutOfService" ->
                new Poller.Poll(Poller.Phase.FAILED, status, described.failureReason());
            default -> new Poller.Poll(Poller.Phase.RUNNING, status, "");
        };
    }

    private static void call(String what, Runnable call) {
        try {
            call.run();
        } catch (SdkException e) {
            throw AwsFailures.explain(what, e);
        }
    }

    /** The endpoint in service; closing deletes it (unless kept) and records the instance-hours. */
    private final class AwsServed implements Stages.Served {
        private final String endpoint;
        private final Instant inService;
        private final SageMakerEndpoint client;

        AwsServed(String endpoint, Instant inService) {
            this.endpoint = endpoint;
            this.inService = inService;
            this.client = new SageMakerEndpoint(run.clients.runtime(), endpoint);
        }

        @Override
        public String location() {
            return "endpoint " + endpoint + " (SageMaker, " + run.clients.region() + ")";
        }

        @Override
        public Endpoint endpoint() {
            return client;
        }

        @Override
        public void close() {
            double hours = Duration.between(inService, run.now()).toMillis() / 3_600_000.0;
            run.figure(STAGE, "endpoint_instance_hours", hours);
            if (run.options.keepEndpoint()) {
                run.out.printf(
                        Locale.ROOT,
                        "      endpoint %s stays in service (--keep-endpoint); it bills by the hour: delete it with"
                                + " 'aws sagemaker delete-endpoint --endpoint-name %s'%n",
                        endpoint,
                        endpoint);
                run.save();
                return;
            }
            call(
                    "deleting endpoint " + endpoint + " (SageMaker DeleteEndpoint)",
                    () -> run.clients.sageMaker().deleteEndpoint(request -> request.endpointName(endpoint)));
            call(
                    "deleting endpoint configuration " + configName() + " (SageMaker DeleteEndpointConfig)",
                    () -> run.clients
                            .sageMaker()
                            .deleteEndpointConfig(request -> request.endpointConfigName(configName())));
            run.resource(STAGE, "endpoint_deleted", run.now().toString());
            run.out.printf(
                    Locale.ROOT,
                    "      endpoint %s and configuration %s deleted (%.2f instance-hours); the model %s stays%n",
                    endpoint,
                    configName(),
                    hours,
                    modelName());
        }
    }
}
