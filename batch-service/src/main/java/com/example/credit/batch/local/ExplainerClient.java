package com.example.credit.batch.local;

import com.example.credit.batch.TransformException;
import com.example.credit.batch.job.BatchStrategy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The explainer's SageMaker routes over HTTP, as Batch Transform calls them. Thread-safe: one JDK HTTP client.
 */
public final class ExplainerClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    // The answer of asciiLineItems for a body that is not all ASCII.
    private static final List<String> NOT_ASCII = Collections.unmodifiableList(new ArrayList<>());

    private final URI baseUrl;
    private final HttpClient http;
    private final JsonMapper mapper;
    private final CanonicalJson canonical;

    public ExplainerClient(URI baseUrl, JsonMapper mapper) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String text = baseUrl.toString();
        this.baseUrl = URI.create(text.endsWith("/") ? text : text + "/");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.canonical = new CanonicalJson(mapper);
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * {@code GET /execution-parameters}; a container without the route (404) advises nothing.
     *
     * @throws TransformException when the explainer cannot be reached or answers with an error
     */
    public ExecutionParameters executionParameters() {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(baseUrl.resolve("execution-parameters"))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build());
        if (response.statusCode() == 404) {
            return ExecutionParameters.NONE;
        }
        if (response.statusCode() != 200) {
            throw new TransformException(
                    "GET " + baseUrl.resolve("execution-parameters") + " answered " + response.statusCode() + ": "
                            + Problem.of(response.body(), mapper).detail());
        }
        try {
            JsonNode body = mapper.readTree(response.body());
            return new ExecutionParameters(
                    body.hasNonNull("MaxConcurrentTransforms")
                            ? body.get("MaxConcurrentTransforms").asInt()
                            : null,
                    body.hasNonNull("BatchStrategy")
                            ? BatchStrategy.parse(
                                    "BatchStrategy", body.get("BatchStrategy").asString())
                            : null,
                    body.hasNonNull("MaxPayloadInMB")
                            ? body.get("MaxPayloadInMB").asInt()
                            : null);
        } catch (JacksonException e) {
            throw new TransformException("GET /execution-parameters did not answer JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * {@code POST /invocations}.
     *
     * @param body the request body
     * @param contentType the Content-Type, parameters included
     * @param accept the Accept header, or {@code null} for none
     * @throws TransformException when the explainer cannot be reached
     */
    public Response invoke(byte[] body, String contentType, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve("invocations"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<byte[]> response = send(request.build());
        return new Response(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /** The items of a successful response: JSON Lines lines, a JSON array's elements, or one JSON object. */
    public List<JsonNode> items(Response response) {
        List<JsonNode> items = new ArrayList<>();
        try {
            if (response.contentType().startsWith("application/jsonlines")) {
                for (String line : response.text().split("\n")) {
                    if (!line.isBlank()) {
                        items.add(mapper.readTree(line));
                    }
                }
                return items;
            }
            JsonNode root = mapper.readTree(response.body());
            if (root.isArray()) {
                root.values().forEach(items::add);
            } else {
                items.add(root);
            }
            return items;
        } catch (JacksonException e) {
            throw new TransformException(
                    "the explainer answered 200 with an unreadable " + response.contentType() + " body: "
                            + e.getOriginalMessage(),
                    e);
        }
    }

    /**
     * The items of a successful response as the mapper would write each item's tree: {@link #items} without the
     * trees, read with Jackson's streaming parser; a body that is not plain (duplicate keys, unreadable) takes the
     * tree path, which answers or fails as {@link #items} does.
     */
    public List<String> itemTexts(Response response) {
        boolean jsonLines = response.contentType().startsWith("application/jsonlines");
        List<String> items = jsonLines ? asciiLineItems(response.body) : NOT_ASCII;
        if (items != NOT_ASCII) {
            return items != null ? items : treeItemTexts(response);
        }
        String text = response.text();
        if (jsonLines) {
            items = new ArrayList<>();
            int start = 0;
            int length = text.length();
            while (start < length) {
                int end = text.indexOf('\n', start);
                if (end < 0) {
                    end = length;
                }
                String line = text.substring(start, end);
                start = end + 1;
                if (!line.isBlank()) {
                    String item = canonical.value(line);
                    if (item == null) {
                        items = null;
                        break;
                    }
                    items.add(item);
                }
            }
        } else {
            items = canonical.elements(text);
        }
        return items != null ? items : treeItemTexts(response);
    }

    /** The items of a response through their trees: what {@link #itemTexts} means, for any body. */
    private List<String> treeItemTexts(Response response) {
        List<String> written = new ArrayList<>();
        for (JsonNode item : items(response)) {
            written.add(mapper.writeValueAsString(item));
        }
        return written;
    }

    /**
     * The items of a JSON Lines body as {@link #itemTexts} makes them from its text, read from its bytes while they
     * are ASCII (the text's characters then): a line already in canonical form (the explainer's answers) is its own
     * item, with no decoding of the body and no copy of its tokens. {@code null} when a line is not plain (the tree
     * path decides), {@link #NOT_ASCII} when the body holds any other byte (the text path decides).
     */
    private List<String> asciiLineItems(byte[] body) {
        List<String> items = new ArrayList<>();
        boolean ascii = false;
        int start = 0;
        while (start < body.length) {
            int end = canonical.canonicalLineEnd(body, start);
            if (end >= 0) {
                items.add(new String(body, start, end - start, StandardCharsets.ISO_8859_1));
            } else {
                end = start;
                while (end < body.length && body[end] != '\n') {
                    end++;
                }
                // Checked once, at the first line that is not canonical: its text is its bytes only in ASCII.
                if (!ascii && !isAscii(body)) {
                    return NOT_ASCII;
                }
                ascii = true;
                String line = new String(body, start, end - start, StandardCharsets.ISO_8859_1);
                if (!line.isBlank()) {
                    // canonicalLineEnd has just refused the line: copied without being read a second time.
                    String item = canonical.copiedValue(line);
                    if (item == null) {
                        return null;
                    }
                    items.add(item);
                }
            }
            start = end + 1;
        }
        return items;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** The problem detail of an error response. */
    public Problem problem(Response response) {
        return Problem.of(response.body(), mapper);
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TransformException(
                    request.method() + " " + request.uri() + " failed: "
                            + e.getClass().getSimpleName() + " " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransformException(request.method() + " " + request.uri() + " was interrupted", e);
        }
    }

    /**
     * One HTTP answer of {@code /invocations}.
     *
     * @param status the status code
     * @param contentType the Content-Type ("" when absent)
     * @param body the body, which the response keeps as it is (a body of tens of MB is not copied): not to be
     *     changed afterwards
     */
    public record Response(int status, String contentType, byte[] body) {

        public Response {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        /** The body as UTF-8 text. */
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * The title and detail of an RFC 9457 problem, or of a plain error body.
     *
     * @param title the title
     * @param detail the detail
     */
    public record Problem(String title, String detail) {

        static Problem of(byte[] body, JsonMapper mapper) {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            try {
                JsonNode node = mapper.readTree(text);
                if (node != null && node.isObject()) {
                    String title = node.path("title").asString("Error");
                    String detail =
                            node.path("detail").asString(node.path("message").asString(text));
                    return new Problem(title, detail);
                }
            } catch (JacksonException e) {
                // Not JSON: the body itself, shortened, is the best description there is.
            }
            return new Problem("Error", text.length() > 500 ? text.substring(0, 500) + "..." : text);
        }
    }
}
