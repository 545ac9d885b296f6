package com.example.credit.pipeline;

import com.example.credit.batch.local.LocalExplainer;
import java.net.URI;
import java.time.Duration;

/**
 * A running explainer service that the batch transform calls over HTTP on loopback: its jar as a child process,
 * or its image in a container. Closing it stops it and keeps its log.
 */
public interface Explainer extends AutoCloseable {

    /** How long a service may take to load the model and answer {@code /ping}. */
    Duration START_TIMEOUT = LocalExplainer.START_TIMEOUT;

    /** The service's base URL, for example {@code http://127.0.0.1:40123}. */
    URI baseUrl();

    /** Stops the service and keeps its log. */
    @Override
    void close();
}
