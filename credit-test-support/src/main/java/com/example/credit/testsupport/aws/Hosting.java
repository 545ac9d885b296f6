package com.example.credit.testsupport.aws;

import java.net.URI;

/**
 * Serves the models of SageMaker endpoints for the stand-in ({@link AwsStandIn#hosting}). {@code CreateEndpoint}
 * starts one server; {@code UpdateEndpoint} starts the new model's server before it stops the old one (blue/green),
 * so that one endpoint briefly has two servers, which is why {@link #stop} names the server by its URL as well.
 */
public interface Hosting {

    /**
     * Starts a server for the model and returns its base URL; the server answers SageMaker's hosting contract
     * ({@code POST /invocations}, {@code GET /ping}) below it. An exception fails the creation (the endpoint turns
     * {@code Failed}) or the update (the endpoint rolls back to its previous configuration).
     */
    URI start(String endpointName, HostedModel model) throws Exception;

    /** Stops the server that {@link #start} returned {@code baseUrl} for. */
    void stop(String endpointName, URI baseUrl);
}
