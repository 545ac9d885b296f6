package com.example.credit.pipeline.aws;

import com.example.credit.pipeline.EmbeddedS3;
import com.example.credit.testsupport.aws.HostedModel;
import com.example.credit.testsupport.aws.Hosting;
import com.example.credit.testsupport.aws.TrainingJob;
import com.example.credit.testsupport.golden.GoldenBundle;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Quick stand-ins for the stages' work, for the failure-path tests: they write the markers and files the next stage
 * reads (the raw and prepared {@code _SUCCESS} manifests, the golden bundle's test rows and labels, the golden model
 * as {@code model.tar.gz}) without running Spark or LightGBM, and model servers that answer every request with 200.
 */
final class CannedJobs {

    private static final JsonMapper MAPPER = JsonMapper.shared();

    private final EmbeddedS3 store;
    private final Path scratch;
    private final Map<URI, HttpServer> servers = new ConcurrentHashMap<>();

    CannedJobs(EmbeddedS3 store, Path scratch) {
        this.store = store;
        this.scratch = scratch;
    }

    /** The datagen function: the raw manifest of 1000 Statlog applicants with the event's seed. */
    String datagen(String payload) {
        JsonNode event = MAPPER.readTree(payload);
        String output = event.path("output").asString();
        put(
                output + "/_SUCCESS",
                "{\"format_version\":2,\"mode\":\"statlog\",\"seed\":"
                        + event.path("seed").asLong()
                        + ",\"n\":1000,\"rows\":{\"credits\":1000,\"people\":1000,\"contacts\":2646}}\n");
        return "{\"rows\":{\"credits\":1000}}";
    }

    /** The Glue job: the golden test rows and labels as the prepared test split, and the prepared manifest. */
    void etl(Map<String, String> arguments) {
        String output = arguments.get("--output_path");
        put(
                output + "/" + GoldenBundle.DATA_TEST_FILE,
                new String(GoldenBundle.bytes(GoldenBundle.DATA_TEST_FILE), StandardCharsets.UTF_8));
        put(
                output + "/" + GoldenBundle.LABEL_TEST_FILE,
                new String(GoldenBundle.bytes(GoldenBundle.LABEL_TEST_FILE), StandardCharsets.UTF_8));
        put(output + "/data_test/_SUCCESS", "");
        put(output + "/_SUCCESS", "{\"format_version\":1,\"rows\":{\"train\":800,\"test\":200}}\n");
    }

    /** A training job that writes the golden model as its artifact. */
    Map<String, Double> train(TrainingJob job) throws Exception {
        Path archive = Files.createDirectories(scratch.resolve(job.name())).resolve("model.tar.gz");
        LocalJobs.tar(GoldenBundle.modelDir(), archive);
        try (S3Client s3 = store.client()) {
            s3.putObject(
                    request -> request.bucket(LocalJobs.bucket(job.modelArtifact()))
                            .key(LocalJobs.key(job.modelArtifact())),
                    RequestBody.fromFile(archive));
        }
        return Map.of("test_auc", 0.78);
    }

    /**
     * Model servers that answer every request with 200 and {@code body}, or fail to start for the models that
     * {@code failing} names (returning the reason, or null to start).
     */
    Hosting hosting(String body, Function<HostedModel, String> failing) {
        return new Hosting() {
            @Override
            public URI start(String endpointName, HostedModel model) throws IOException {
                String failure = failing.apply(model);
                if (failure != null) {
                    throw new IllegalStateException(failure);
                }
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/", exchange -> {
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                    exchange.close();
                });
                server.start();
                URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
                servers.put(url, server);
                return url;
            }

            @Override
            public void stop(String endpointName, URI baseUrl) {
                HttpServer server = servers.remove(baseUrl);
                if (server != null) {
                    server.stop(0);
                }
            }
        };
    }

    /** A smoke-call answer whose SHAP values add up: -1.0 + 0.25 + 0.5 = -0.25. */
    static final String ADDITIVE_ANSWER = "{\"prediction\":0.4378,\"explanation_shap_values\":{\"expected_value\":-1.0,"
            + "\"raw_score\":-0.25,\"shap_values\":{\"credit__amount\":0.25,\"credit__duration\":0.5}}}";

    private void put(String uri, String text) {
        try (S3Client s3 = store.client()) {
            s3.putObject(
                    request -> request.bucket(LocalJobs.bucket(uri)).key(LocalJobs.key(uri)),
                    RequestBody.fromString(text, StandardCharsets.UTF_8));
        }
    }

    void close() {
        servers.values().forEach(server -> server.stop(0));
        servers.clear();
    }
}
