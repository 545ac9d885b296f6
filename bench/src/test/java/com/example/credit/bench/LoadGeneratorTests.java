package com.example.credit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadGeneratorTests {

    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private URI base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> {
            served.incrementAndGet();
            byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/fail", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        // Every third exchange is dropped without an answer, as a kept-alive connection closed under a request is.
        server.createContext("/dropping", exchange -> {
            if (dropped.incrementAndGet() % 3 == 1) {
                exchange.getResponseBody().close();
                exchange.close();
                return;
            }
            served.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/closed", exchange -> {
            exchange.getResponseBody().close();
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void sendsEveryDueRequestOfAnOpenLoopAndRecordsEachLatency() {
        LoadGenerator generator = new LoadGenerator(4);

        LoadGenerator.Outcome outcome =
                generator.openLoop(() -> LoadGenerator.get(base.resolve("/ok")), 200, Duration.ofMillis(250));

        assertThat(outcome.requests()).isEqualTo(50);
        assertThat(served.get()).isEqualTo(50);
        assertThat(outcome.latencies().count()).isEqualTo(50);
        assertThat(outcome.latencies().percentile(99))
                .isGreaterThanOrEqualTo(outcome.latencies().percentile(50));
    }

    @Test
    void countsOnlyAnsweredRequestsInAClosedLoop() {
        LoadGenerator generator = new LoadGenerator(2);

        LoadGenerator.Outcome outcome =
                generator.closedLoop(() -> LoadGenerator.get(base.resolve("/ok")), Duration.ofMillis(200));

        assertThat(outcome.requests()).isPositive().isEqualTo(served.get());
        assertThat(outcome.throughput()).isPositive();
    }

    @Test
    void failsTheRunWhenTheServerAnswersWithAnError() {
        LoadGenerator generator = new LoadGenerator(1);

        assertThatThrownBy(() ->
                        generator.openLoop(() -> LoadGenerator.get(base.resolve("/fail")), 10, Duration.ofMillis(100)))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("answered 503");
    }

    @Test
    void sendsARequestWhoseConnectionWasClosedOnceMoreAndCountsIt() {
        LoadGenerator generator = new LoadGenerator(1);

        LoadGenerator.Outcome outcome = generator.openLoop(
                () -> LoadGenerator.post(base.resolve("/dropping"), "application/json", "{}"),
                100,
                Duration.ofMillis(300));

        assertThat(outcome.requests()).isEqualTo(30).isEqualTo(served.get());
        assertThat(outcome.retried()).isEqualTo(15);
    }

    @Test
    void failsTheRunWhenARequestFailsTwice() {
        LoadGenerator generator = new LoadGenerator(1);

        assertThatThrownBy(() -> generator.closedLoop(
                        () -> LoadGenerator.post(base.resolve("/closed"), "application/json", "{}"),
                        Duration.ofMillis(100)))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("/closed failed twice");
    }
}
