package com.example.credit.batch.aws;

import com.example.credit.batch.HttpReplies;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local HTTP server that speaks SageMaker's JSON protocol (AWS JSON 1.1: POST /, the operation in X-Amz-Target)
 * for CreateTransformJob, DescribeTransformJob and StopTransformJob (after which the job goes Stopping, then
 * Stopped), and S3's REST protocol for ListObjectsV2 and GetObject on one
 * bucket. It records every request and answers DescribeTransformJob with a scripted sequence of statuses.
 */
public final class SageMakerProtocolServer implements AutoCloseable {

    private static final JsonMapper MAPPER = JsonMapper.shared();

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(4);
    private final List<String> targets = new ArrayList<>();
    private final List<JsonNode> bodies = new ArrayList<>();
    private final List<String> s3Requests = new ArrayList<>();
    private final Deque<String[]> statuses = new ArrayDeque<>();
    private final Map<String, String> objects = new TreeMap<>();
    private String createError;
    private final String bucket;

    public SageMakerProtocolServer(String bucket) throws IOException {
        this.bucket = bucket;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The statuses DescribeTransformJob answers, in order; the last one repeats. */
    public SageMakerProtocolServer statuses(String... sequence) {
        for (String status : sequence) {
            statuses.add(status.split("\\|", 2));
        }
        return this;
    }

    /** Makes CreateTransformJob fail with a ValidationException of this message. */
    public SageMakerProtocolServer rejectCreate(String message) {
        createError = message;
        return this;
    }

    /** An object of the output bucket. */
    public SageMakerProtocolServer object(String key, String content) {
        objects.put(key, content);
        return this;
    }

    public synchronized List<String> targets() {
        return List.copyOf(targets);
    }

    public synchronized List<JsonNode> bodies() {
        return List.copyOf(bodies);
    }

    public synchronized List<String> s3Requests() {
        return List.copyOf(s3Requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Reads the request outside the lock: a client that goes away mid-request must not hold up the others. */
    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        respond(exchange, body);
    }

    private synchronized void respond(HttpExchange exchange, byte[] body) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target == null) {
            s3(exchange);
            return;
        }
        targets.add(target);
        JsonNode request = MAPPER.readTree(body);
        bodies.add(request);
        switch (target) {
            case "SageMaker.CreateTransformJob" -> {
                if (createError != null) {
                    json(exchange, 400, "{\"__type\":\"ValidationException\",\"message\":\"" + createError + "\"}");
                } else {
                    json(
                            exchange,
                            200,
                            "{\"TransformJobArn\":\"arn:aws:sagemaker:eu-west-1:123456789012:transform-job/"
                                    + request.get("TransformJobName").asString() + "\"}");
                }
            }
            case "SageMaker.DescribeTransformJob" -> {
                String[] status = statuses.size() > 1 ? statuses.poll() : statuses.peek();
                ObjectNode job = MAPPER.createObjectNode();
                job.put("TransformJobName", request.get("TransformJobName").asString());
                job.put(
                        "TransformJobArn",
                        "arn:aws:sagemaker:eu-west-1:123456789012:transform-job/"
                                + request.get("TransformJobName").asString());
                job.put("TransformJobStatus", status[0]);
                if (status.length > 1) {
                    job.put("FailureReason", status[1]);
                }
                job.put("ModelName", "credit-model");
                job.put("CreationTime", 1.7642e9);
                json(exchange, 200, MAPPER.writeValueAsString(job));
            }
            case "SageMaker.StopTransformJob" -> {
                statuses.clear();
                statuses.add(new String[] {"Stopping"});
                statuses.add(new String[] {"Stopped"});
                json(exchange, 200, "{}");
            }
            default -> json(exchange, 400, "{\"__type\":\"UnknownOperationException\",\"message\":\"" + target + "\"}");
        }
    }

    private void s3(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        s3Requests.add(exchange.getRequestMethod() + " " + uri);
        String path = uri.getPath();
        if (path.equals("/" + bucket) || path.equals("/" + bucket + "/")) {
            String prefix = query(uri.getRawQuery(), "prefix");
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + bucket
                    + "</Name><Prefix>" + prefix + "</Prefix><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>");
            int count = 0;
            for (Map.Entry<String, String> object : objects.entrySet()) {
                if (object.getKey().startsWith(prefix)) {
                    count++;
                    xml.append("<Contents><Key>")
                            .append(object.getKey())
                            .append("</Key><Size>")
                            .append(object.getValue().getBytes(StandardCharsets.UTF_8).length)
                            .append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
                }
            }
            xml.append("<KeyCount>").append(count).append("</KeyCount></ListBucketResult>");
            HttpReplies.send(exchange, 200, "application/xml", xml.toString());
            return;
        }
        String key = path.substring(bucket.length() + 2);
        String content = objects.get(key);
        if (content == null) {
            HttpReplies.send(
                    exchange,
                    404,
                    "application/xml",
                    "<Error><Code>NoSuchKey</Code><Message>" + key + "</Message></Error>");
        } else {
            HttpReplies.send(exchange, 200, "application/octet-stream", content);
        }
    }

    private static String query(String rawQuery, String name) {
        if (rawQuery == null) {
            return "";
        }
        for (String pair : rawQuery.split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name)) {
                return parts.length > 1 ? java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
            }
        }
        return "";
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-RequestId", "test-request");
        HttpReplies.send(exchange, status, "application/x-amz-json-1.1", body);
    }
}
