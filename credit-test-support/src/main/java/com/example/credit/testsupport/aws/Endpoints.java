package com.example.credit.testsupport.aws;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SageMaker hosting: models, endpoint configurations and endpoints, their servers run by the test's
 * {@link Hosting}. Not thread-safe except where noted: {@link SageMakerService} holds its lock around every call.
 *
 * <p>Endpoint statuses move one step per {@code DescribeEndpoint}: {@code Creating} until the model's server has
 * started, then {@code InService} (or {@code Failed} with {@code FailureReason} when the start threw);
 * {@code Updating} until the new server has started and the old one stopped (blue/green: traffic moves to the new
 * server before the old one stops), then {@code InService}; {@code Deleting} until the servers have stopped, then
 * gone ({@code ValidationException} "Could not find endpoint").
 *
 * <p>A failed update rolls back as SageMaker's does: the endpoint returns to {@code InService} on its previous
 * endpoint configuration (which keeps serving), and {@code FailureReason} says why the update failed, until the
 * next update clears it. Sources: the SageMaker API reference of {@code FailureReason} ("If the status of the
 * endpoint is Failed, or the status is InService but update operation fails, this provides the reason why it
 * failed", https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_EndpointMetadata.html and
 * API_DescribeEndpoint.html), and the AWS SageMaker controller for Kubernetes, which was written against that
 * behaviour: "If an update fails, the endpoint goes back to InService state with a FailureReason about the error
 * ... describing endpoint only contains information about the current endpoint config ... the failure reason only
 * stays if the endpoint is in InService state and disappears as soon as a new update is applied"
 * (https://github.com/aws-controllers-k8s/sagemaker-controller/pull/7).
 */
final class Endpoints {

    /** Where an invocation of an endpoint goes: the base URL of its current server, and the variant serving it. */
    record Target(URI baseUrl, String variantName) {}

    /** A running model server of an endpoint, to stop when the endpoint moves on or the stand-in closes. */
    private record Server(String endpointName, URI baseUrl) {}

    private final Background background;
    private final Map<String, ObjectNode> models = new LinkedHashMap<>();
    private final Map<String, ObjectNode> configs = new LinkedHashMap<>();
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    /** Guarded by itself: the background starts and stops change it outside the service's lock. */
    private final List<Server> servers = new ArrayList<>();

    private volatile Hosting hosting = new Hosting() {
        @Override
        public URI start(String endpointName, HostedModel model) {
            throw new IllegalStateException("the AWS stand-in has no Hosting: register one with hosting(...)");
        }

        @Override
        public void stop(String endpointName, URI baseUrl) {
            // Nothing was started.
        }
    };

    Endpoints(Background background) {
        this.background = background;
    }

    void hosting(Hosting hosting) {
        this.hosting = hosting;
    }

    // Models.

    ObjectNode createModel(JsonNode request) {
        SageMakerService.require(request, "ModelName");
        String name = Json.text(request, "ModelName");
        String arn = SageMakerService.arn("model", name);
        if (models.containsKey(name)) {
            throw AwsError.validation("Cannot create already existing model \"" + arn + "\".");
        }
        ObjectNode model = SageMakerService.echo(request);
        model.put("ModelArn", arn);
        model.put("CreationTime", Json.epochSeconds(Instant.now()));
        models.put(name, model);
        ObjectNode answer = Json.object();
        answer.put("ModelArn", arn);
        return answer;
    }

    ObjectNode describeModel(JsonNode request) {
        return model(Json.text(request, "ModelName")).deepCopy();
    }

    ObjectNode deleteModel(JsonNode request) {
        String name = Json.text(request, "ModelName");
        model(name);
        models.remove(name);
        return Json.object();
    }

    private ObjectNode model(String name) {
        ObjectNode model = name == null ? null : models.get(name);
        if (model == null) {
            // SageMaker's words for a model it does not have.
            throw AwsError.validation("Could not find model \"" + SageMakerService.arn("model", name) + "\".");
        }
        return model;
    }

    /** The model as a server runs it: the primary container (or the first of {@code Containers}) and the role. */
    HostedModel hostedModel(String modelName, String variantName) {
        ObjectNode model = model(modelName);
        JsonNode container = model.has("PrimaryContainer")
                ? model.get("PrimaryContainer")
                : model.path("Containers").path(0);
        return new HostedModel(
                modelName,
                Json.text(container, "Image"),
                Json.text(container, "ModelDataUrl"),
                Json.text(model, "ExecutionRoleArn"),
                Json.stringMap(container.path("Environment")),
                variantName);
    }

    // Endpoint configurations.

    ObjectNode createConfig(JsonNode request) {
        SageMakerService.require(request, "EndpointConfigName", "ProductionVariants");
        String name = Json.text(request, "EndpointConfigName");
        String arn = SageMakerService.arn("endpoint-config", name);
        if (configs.containsKey(name)) {
            throw AwsError.validation("Cannot create already existing endpoint configuration \"" + arn + "\".");
        }
        // SageMaker checks the variants' models when the configuration is created.
        for (JsonNode variant : request.path("ProductionVariants")) {
            model(Json.text(variant, "ModelName"));
        }
        ObjectNode config = SageMakerService.echo(request);
        config.put("EndpointConfigArn", arn);
        config.put("CreationTime", Json.epochSeconds(Instant.now()));
        configs.put(name, config);
        ObjectNode answer = Json.object();
        answer.put("EndpointConfigArn", arn);
        return answer;
    }

    ObjectNode describeConfig(JsonNode request) {
        return config(Json.text(request, "EndpointConfigName")).deepCopy();
    }

    ObjectNode deleteConfig(JsonNode request) {
        String name = Json.text(request, "EndpointConfigName");
        config(name);
        configs.remove(name);
        return Json.object();
    }

    private ObjectNode config(String name) {
        ObjectNode config = name == null ? null : configs.get(name);
        if (config == null) {
            throw AwsError.validation(
                    "Could not find endpoint configuration \"" + SageMakerService.arn("endpoint-config", name) + "\".");
        }
        return config;
    }

    /** The model of a configuration's first production variant: the stand-in serves one variant per endpoint. */
    private HostedModel modelOf(String configName) {
        JsonNode variant = config(configName).path("ProductionVariants").path(0);
        return hostedModel(Json.text(variant, "ModelName"), Json.text(variant, "VariantName"));
    }

    // Endpoints.

    ObjectNode createEndpoint(JsonNode request) {
        SageMakerService.require(request, "EndpointName", "EndpointConfigName");
        String name = Json.text(request, "EndpointName");
        String arn = SageMakerService.arn("endpoint", name);
        if (endpoints.containsKey(name)) {
            throw AwsError.validation("Cannot create already existing endpoint \"" + arn + "\".");
        }
        String configName = Json.text(request, "EndpointConfigName");
        HostedModel model = modelOf(configName);
        Endpoint endpoint = new Endpoint(name, arn, configName, model);
        Hosting current = hosting;
        endpoint.task = background.start(() -> {
            URI started = current.start(name, model);
            started(name, started);
            endpoint.serving = started;
            return started;
        });
        endpoints.put(name, endpoint);
        ObjectNode answer = Json.object();
        answer.put("EndpointArn", arn);
        return answer;
    }

    ObjectNode updateEndpoint(JsonNode request) {
        String name = Json.text(request, "EndpointName");
        Endpoint endpoint = endpoint(name);
        if (!endpoint.status.equals("InService")) {
            String what = endpoint.status.equals("Failed") ? "failed" : "in-progress";
            throw AwsError.validation("Cannot update " + what + " endpoint \"" + endpoint.arn + "\".");
        }
        String configName = Json.text(request, "EndpointConfigName");
        HostedModel model = modelOf(configName);
        Hosting current = hosting;
        endpoint.pendingConfig = configName;
        endpoint.pendingModel = model;
        endpoint.failureReason = null;
        endpoint.updateStarted = Instant.now();
        endpoint.move("Updating");
        endpoint.task = background.start(() -> {
            // Blue/green: the new server first; traffic moves to it, then the old one stops. A start that throws
            // leaves the old server serving: the rollback.
            URI started = current.start(name, model);
            started(name, started);
            URI old = endpoint.serving;
            endpoint.serving = started;
            stop(current, new Server(name, old));
            return started;
        });
        ObjectNode answer = Json.object();
        answer.put("EndpointArn", endpoint.arn);
        return answer;
    }

    ObjectNode describeEndpoint(JsonNode request) {
        String name = Json.text(request, "EndpointName");
        Endpoint endpoint = endpoint(name);
        endpoint.advance();
        if (endpoint.status.equals("Gone")) {
            endpoints.remove(name);
            throw notFound(name);
        }
        return endpoint.describe();
    }

    ObjectNode deleteEndpoint(JsonNode request) {
        String name = Json.text(request, "EndpointName");
        Endpoint endpoint = endpoint(name);
        if (endpoint.status.equals("Deleting")) {
            throw AwsError.validation("Cannot delete in-progress endpoint \"" + endpoint.arn + "\".");
        }
        Run<URI> inFlight = endpoint.task;
        Hosting current = hosting;
        endpoint.move("Deleting");
        endpoint.task = background.start(() -> {
            // A start still running would leave a server behind: wait for it, then stop all of the endpoint's.
            inFlight.await(Long.MAX_VALUE);
            stopAll(current, name);
            return null;
        });
        return Json.object();
    }

    private Endpoint endpoint(String name) {
        Endpoint endpoint = name == null ? null : endpoints.get(name);
        if (endpoint == null) {
            throw notFound(name);
        }
        return endpoint;
    }

    private static AwsError notFound(String name) {
        // SageMaker's words for an endpoint it does not have (or no longer has).
        return AwsError.validation("Could not find endpoint \"" + SageMakerService.arn("endpoint", name) + "\".");
    }

    /**
     * Where SageMaker Runtime sends an invocation: the endpoint's current server while it is {@code InService} or
     * {@code Updating} (the old model serves until the new one takes over), else the runtime's
     * {@code ValidationError} for an endpoint it cannot reach.
     */
    Target target(String name) {
        Endpoint endpoint = endpoints.get(name);
        if (endpoint == null
                || !(endpoint.status.equals("InService") || endpoint.status.equals("Updating"))
                || endpoint.serving == null) {
            throw new AwsError(
                    400,
                    "ValidationError",
                    "Endpoint " + name + " of account " + AwsStandIn.ACCOUNT + " not found.",
                    SageMakerRuntimeService.errorBody(
                            "NO_SUCH_ENDPOINT",
                            "Endpoint " + name + " of account " + AwsStandIn.ACCOUNT + " not found."));
        }
        return new Target(endpoint.serving, endpoint.model.variantName());
    }

    // The servers, guarded by their list: background tasks and close() change it.

    private void started(String endpointName, URI baseUrl) {
        synchronized (servers) {
            servers.add(new Server(endpointName, baseUrl));
        }
    }

    private void stop(Hosting hosting, Server server) {
        synchronized (servers) {
            if (!servers.remove(server)) {
                return;
            }
        }
        try {
            hosting.stop(server.endpointName(), server.baseUrl());
        } catch (RuntimeException ignored) {
            // A server that fails to stop is the test's problem to report; the endpoint moves on as on SageMaker.
        }
    }

    private void stopAll(Hosting hosting, String endpointName) {
        List<Server> ofEndpoint;
        synchronized (servers) {
            ofEndpoint = servers.stream()
                    .filter(server ->
                            endpointName == null || server.endpointName().equals(endpointName))
                    .toList();
        }
        ofEndpoint.forEach(server -> stop(hosting, server));
    }

    /** Stops every server still running (the stand-in's close); safe to call without the service's lock. */
    void stopAll() {
        stopAll(hosting, null);
    }

    private static final class Endpoint {

        private final String name;
        private final String arn;
        private final Instant created = Instant.now();
        private Instant lastModified = created;
        private String configName;
        private HostedModel model;
        private String status = "Creating";
        private String failureReason;
        private String pendingConfig;
        private HostedModel pendingModel;
        private Instant updateStarted;
        /** The background start, update or delete in progress (or last finished). */
        private Run<URI> task;
        /** The base URL of the server taking the traffic; the update task moves it. */
        private volatile URI serving;
        /** A status that an action has just set is shown once before it moves on. */
        private boolean fresh = true;

        Endpoint(String name, String arn, String configName, HostedModel model) {
            this.name = name;
            this.arn = arn;
            this.configName = configName;
            this.model = model;
        }

        void move(String next) {
            status = next;
            lastModified = Instant.now();
            fresh = true;
        }

        void advance() {
            if (fresh) {
                fresh = false;
                return;
            }
            if (!task.finished()) {
                return;
            }
            Throwable failure = task.failure();
            switch (status) {
                case "Creating" -> {
                    if (failure == null) {
                        move("InService");
                    } else {
                        failureReason = Json.failureReason(failure);
                        move("Failed");
                    }
                }
                case "Updating" -> {
                    if (failure == null) {
                        configName = pendingConfig;
                        model = pendingModel;
                    } else {
                        // The rollback: the previous configuration stays, the reason is told.
                        failureReason = Json.failureReason(failure);
                    }
                    pendingConfig = null;
                    pendingModel = null;
                    move("InService");
                }
                case "Deleting" -> status = "Gone";
                default -> {
                    // InService and Failed stay until the next action.
                }
            }
            fresh = false;
        }

        ObjectNode describe() {
            ObjectNode answer = Json.object();
            answer.put("EndpointName", name);
            answer.put("EndpointArn", arn);
            answer.put("EndpointConfigName", configName);
            answer.put("EndpointStatus", status);
            if (failureReason != null) {
                answer.put("FailureReason", failureReason);
            }
            answer.put("CreationTime", Json.epochSeconds(created));
            answer.put("LastModifiedTime", Json.epochSeconds(lastModified));
            if (status.equals("InService") || status.equals("Updating")) {
                ObjectNode variant = answer.putArray("ProductionVariants").addObject();
                variant.put("VariantName", model.variantName());
                ObjectNode image = variant.putArray("DeployedImages").addObject();
                image.put("SpecifiedImage", model.image());
                image.put("ResolvedImage", model.image());
                image.put("ResolutionTime", Json.epochSeconds(created));
                variant.put("CurrentWeight", 1.0);
                variant.put("DesiredWeight", 1.0);
                variant.put("CurrentInstanceCount", 1);
                variant.put("DesiredInstanceCount", 1);
            }
            if (status.equals("Updating")) {
                ObjectNode pending = answer.putObject("PendingDeploymentSummary");
                pending.put("EndpointConfigName", pendingConfig);
                pending.put("StartTime", Json.epochSeconds(updateStarted));
            }
            return answer;
        }
    }
}
