package com.example.credit.batch.local;

import com.example.credit.batch.HttpReplies;
import com.example.credit.core.format.CsvRow;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An explainer stand-in whose answers depend on nothing but the records it gets (no model, no engine): each record
 * gets a fixed-shape output whose figures derive from a hash of the record, written as raw text with the forms a
 * JSON writer may or may not reproduce ({@code 1.50}, {@code 1e-4}, {@code \u00e9}, {@code \/}, big integers), so
 * that tests can pin the client's output bytes independently of the engine. A request holding a record with a
 * {@code reject} key (JSON) or cell (CSV) is refused as a whole with 400, as the explainer validates whole requests;
 * a body it cannot read gets 400 too. {@code /execution-parameters} answers 404 (SageMaker's defaults).
 */
final class CannedExplainer implements AutoCloseable {

    private static final JsonMapper MAPPER = JsonMapper.shared();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    private CannedExplainer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(executor);
        server.createContext(
                "/execution-parameters", exchange -> HttpReplies.send(exchange, 404, "text/plain", "no such route"));
        server.createContext("/invocations", this::invocations);
        server.start();
    }

    static CannedExplainer start() {
        try {
            return new CannedExplainer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void invocations(HttpExchange exchange) throws IOException {
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        String mediaType = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        boolean onlyPrediction =
                contentType.contains("entities=prediction;") || contentType.endsWith("entities=prediction");
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        List<String> keys = new ArrayList<>();
        boolean single = false;
        try {
            switch (mediaType) {
                case "application/jsonlines" -> {
                    for (String line : text.split("\r?\n")) {
                        if (!line.isBlank()) {
                            keys.add(jsonKey(MAPPER.readTree(line)));
                        }
                    }
                }
                case "application/json" -> {
                    JsonNode root = MAPPER.readTree(text);
                    if (root.isArray()) {
                        for (JsonNode node : root.values()) {
                            keys.add(jsonKey(node));
                        }
                    } else {
                        single = true;
                        keys.add(jsonKey(root));
                    }
                }
                case "text/csv" -> {
                    for (String line : text.split("\r?\n")) {
                        if (!line.isBlank()) {
                            List<String> cells = CsvRow.split(line);
                            if (cells.contains("reject")) {
                                throw new IllegalArgumentException("a row has a reject cell");
                            }
                            keys.add(String.join("|", cells));
                        }
                    }
                }
                default -> {
                    HttpReplies.send(
                            exchange,
                            415,
                            "application/problem+json",
                            problem("Unsupported Content-Type", contentType));
                    return;
                }
            }
        } catch (JacksonException | IllegalArgumentException e) {
            String message = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            HttpReplies.send(exchange, 400, "application/problem+json", problem("Invalid application", message));
            return;
        } catch (RuntimeException e) {
            HttpReplies.send(exchange, 400, "application/problem+json", problem("Invalid application", e.toString()));
            return;
        }
        List<String> outputs = new ArrayList<>();
        for (String key : keys) {
            outputs.add(output(key, onlyPrediction));
        }
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        boolean jsonLines = accept == null ? mediaType.equals("application/jsonlines") : accept.contains("jsonlines");
        if (jsonLines) {
            HttpReplies.send(exchange, 200, "application/jsonlines", String.join("\n", outputs) + "\n");
        } else if (single) {
            HttpReplies.send(exchange, 200, "application/json", outputs.get(0));
        } else {
            HttpReplies.send(exchange, 200, "application/json", "[ " + String.join(" ,\n", outputs) + " ]");
        }
    }

    private static String jsonKey(JsonNode record) {
        if (record.isObject() && record.has("reject")) {
            throw new IllegalArgumentException("record " + record.get("id") + " has a reject key");
        }
        return MAPPER.writeValueAsString(record);
    }

    /** A record's output, as raw text with unnormalised forms; its figures follow from the record's hash. */
    private static String output(String key, boolean onlyPrediction) {
        int hash = key.hashCode();
        String prediction = String.format(Locale.ROOT, "0.000%03d0", Math.floorMod(hash, 1000));
        if (onlyPrediction) {
            return "{\"prediction\": " + prediction + "}";
        }
        return "{\"prediction\":" + prediction + ",\"explanation_shap_values\":{\"expected_value\":-1.50,"
                + "\"shap_values\":{\"x\":1e-4,\"y\":" + (hash % 997) + ".250,\"z\":-0.0,\"w\":" + hash
                + "E-20}},\"reasons\":{\"reasons\":[{\"code\":\"R\\u00e9\",\"text\":\"caf\\u00e9 \\/ \\\"q\\\" <b>\\t"
                + "\"}]},\"label\":\"" + (hash % 2 == 0 ? "approved" : "declined") + "\",\"big\":12345678901234567890,"
                + "\"flags\":[true,null,false, 7]}";
    }

    private static String problem(String title, String detail) {
        return MAPPER.writeValueAsString(MAPPER.createObjectNode()
                .put("type", "urn:canned:problem")
                .put("title", title)
                .put("status", 400)
                .put("detail", detail));
    }
}
