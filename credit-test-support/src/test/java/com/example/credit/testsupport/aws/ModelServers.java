package com.example.credit.testsupport.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Hosting} for the tests: one tiny HTTP server per start that speaks SageMaker's hosting contract. Its
 * {@code /invocations} answers JSON naming the model and echoing what it received; a body containing
 * {@code "reject"} gets 400, as a container's answer to bad input. A model whose image is {@code broken} fails to
 * start. The log lists starts and stops in order, for the blue/green assertions.
 */
final class ModelServers implements Hosting {

    private final Map<URI, HttpServer> servers = new ConcurrentHashMap<>();
    private final List<String> log = new ArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    /** Holds every start until {@link #open()}: the endpoint stays Creating or Updating meanwhile. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    synchronized List<String> log() {
        return List.copyOf(log);
    }

    int running() {
        return servers.size();
    }

    @Override
    public URI start(String endpointName, HostedModel model) throws Exception {
        if (!gate.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never opened the gate");
        }
        if ("broken".equals(model.image())) {
            throw new IllegalStateException("The primary container for production variant " + model.variantName()
                    + " did not pass the ping health check.");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ping", exchange -> answer(exchange, 200, "text/plain", ""));
        server.createContext("/invocations", exchange -> invocations(exchange, model));
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        servers.put(base, server);
        synchronized (this) {
            log.add("start " + endpointName + " " + model.modelName());
        }
        return base;
    }

    @Override
    public void stop(String endpointName, URI baseUrl) {
        HttpServer server = servers.remove(baseUrl);
        if (server != null) {
            server.stop(0);
        }
        synchronized (this) {
            log.add("stop " + endpointName + " " + baseUrl);
        }
    }

    private static void invocations(HttpExchange exchange, HostedModel model) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (body.contains("reject")) {
            answer(exchange, 400, "application/json", "{\"error\":\"cannot read the application\"}");
            return;
        }
        String attributes = exchange.getRequestHeaders().getFirst("X-Amzn-SageMaker-Custom-Attributes");
        if (attributes != null) {
            exchange.getResponseHeaders().set("X-Amzn-SageMaker-Custom-Attributes", "seen=" + attributes);
        }
        String answer = Json.object()
                .put("model", model.modelName())
                .put("received", body)
                .put("contentType", exchange.getRequestHeaders().getFirst("Content-Type"))
                .put("accept", exchange.getRequestHeaders().getFirst("Accept"))
                .toString();
        answer(exchange, 200, "application/jsonlines", answer);
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
