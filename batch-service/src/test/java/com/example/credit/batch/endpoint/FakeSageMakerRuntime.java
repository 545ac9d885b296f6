package com.example.credit.batch.endpoint;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for SageMaker Runtime on loopback that speaks its wire protocol (REST-JSON: {@code POST
 * /endpoints/{name}/invocations}, the body passed through, errors as {@code x-amzn-ErrorType} plus a JSON body) and
 * records every request. Answers come from a queue of canned responses; once it is empty, each request line is
 * answered by one {@code {"prediction":…}} line.
 */
final class FakeSageMakerRuntime implements AutoCloseable {

    /** One recorded request: method, path, headers (lower-case names) and body. */
    record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }
    }

    /** A canned answer. */
    record Canned(int status, String errorType, String body) {}

    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Deque<Canned> canned = new ArrayDeque<>();

    FakeSageMakerRuntime() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Recorded> requests() {
        return requests;
    }

    synchronized FakeSageMakerRuntime answer(int status, String errorType, String body) {
        canned.add(new Canned(status, errorType, body));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        requests.add(new Recorded(
                exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
        Canned next;
        synchronized (this) {
            next = canned.poll();
        }
        byte[] out;
        if (next != null) {
            out = next.body().getBytes(StandardCharsets.UTF_8);
            if (next.errorType() != null) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", next.errorType());
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(next.status(), out.length);
        } else {
            StringBuilder lines = new StringBuilder();
            body.lines().filter(line -> !line.isBlank()).forEach(line -> lines.append("{\"prediction\":0.25}\n"));
            out = lines.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/jsonlines");
            exchange.sendResponseHeaders(200, out.length);
        }
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
