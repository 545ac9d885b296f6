package com.example.credit.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A running explainer service that the batch transform calls over HTTP on loopback: its jar as a child process,
 * or its image in a container. Closing it stops it and keeps its log.
 */
public interface Explainer extends AutoCloseable {

    /** How long a service may take to load the model and answer {@code /ping}. */
    Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** The service's base URL, for example {@code http://127.0.0.1:40123}. */
    URI baseUrl();

    /** Stops the service and keeps its log. */
    @Override
    void close();

    /**
     * Waits until {@code GET /ping} answers 200, as SageMaker hosting does before it sends requests.
     *
     * @param baseUrl the service
     * @param timeout how long to wait
     * @param exited how the service ended, empty while it runs; asked between two attempts
     * @return empty once the service is ready; otherwise why it is not, to follow "the explainer"
     *     ("exited with code 1 while starting", "did not answer /ping within 120 s")
     */
    static Optional<String> awaitPing(URI baseUrl, Duration timeout, Supplier<Optional<String>> exited) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(baseUrl.resolve("/ping"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> ended = exited.get();
            if (ended.isPresent()) {
                return Optional.of(ended.get() + " while starting");
            }
            try {
                if (client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Optional.empty();
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("was interrupted while starting");
            }
            ChildProcesses.pause();
        }
        return Optional.of("did not answer " + baseUrl.resolve("/ping") + " within " + timeout.toSeconds() + " s");
    }
}
