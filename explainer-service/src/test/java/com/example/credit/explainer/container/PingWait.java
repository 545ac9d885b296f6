package com.example.credit.explainer.container;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Waits as SageMaker hosting does, for {@code GET /ping} to answer 200, and keeps the instant of that first 200 so
 * that a test can measure the start. Polls every 100 ms (Testcontainers' HTTP wait polls once a second, too coarse
 * to measure with) and gives up at once, with the container's log, when the container exits.
 */
final class PingWait extends AbstractWaitStrategy {

    private static final Duration POLL = Duration.ofMillis(100);

    private final int port;
    private volatile Instant firstOk;

    PingWait(int port, Duration timeout) {
        this.port = port;
        withStartupTimeout(timeout);
    }

    @Override
    protected void waitUntilReady() {
        URI ping = URI.create(
                "http://" + waitStrategyTarget.getHost() + ":" + waitStrategyTarget.getMappedPort(port) + "/ping");
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(POLL.multipliedBy(10))
                .build();
        Instant deadline = Instant.now().plus(startupTimeout);
        while (Instant.now().isBefore(deadline)) {
            if (answersOk(client, ping)) {
                firstOk = Instant.now();
                return;
            }
            if (!waitStrategyTarget.isRunning()) {
                throw new ContainerLaunchException("the explainer exited before " + ping + " answered 200; its log:\n"
                        + waitStrategyTarget.getLogs());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerLaunchException("interrupted while waiting for " + ping, e);
            }
        }
        throw new ContainerLaunchException(
                ping + " did not answer 200 within " + startupTimeout + "; the log:\n" + waitStrategyTarget.getLogs());
    }

    /** When {@code /ping} first answered 200. */
    Instant firstOk() {
        if (firstOk == null) {
            throw new IllegalStateException("/ping on port " + port + " has not answered 200 yet");
        }
        return firstOk;
    }

    private static boolean answersOk(HttpClient client, URI ping) {
        HttpRequest request = HttpRequest.newBuilder(ping)
                .timeout(POLL.multipliedBy(10))
                .GET()
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            // Not listening yet (refused, or reset by the engine's port forwarder): poll again.
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerLaunchException("interrupted while waiting for " + ping, e);
        }
    }
}
