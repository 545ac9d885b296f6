package com.example.credit.batch.storage;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The S3-compatible server of the storage tests: Adobe's S3Mock in this JVM on a random loopback port, reached with
 * path-style addressing and throw-away credentials (S3Mock checks no signatures).
 */
public final class TestS3 {

    public static final String BUCKET = "credit-runs";
    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "storage-test";
    public static final String SECRET_KEY = "storage-test-secret";

    // S3Mock runs as a Spring Boot application in this JVM and would read this module's application.properties
    // (the dashboard's port and address) before its own defaults: it reads none, gets its settings here, and leaves
    // out the Spring Security and Spring Cloud AWS that the dashboard brings onto the class path.
    private static final Map<String, String> PROPERTIES = Map.ofEntries(
            Map.entry("spring.config.name", "s3mock-in-batch-service-tests"),
            Map.entry(
                    "spring.autoconfigure.exclude",
                    String.join(
                            ",",
                            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
                            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
                            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
                            "org.springframework.boot.security.autoconfigure.web.servlet"
                                    + ".ServletWebSecurityAutoConfiguration",
                            "org.springframework.boot.security.autoconfigure.actuate.web.servlet"
                                    + ".ManagementWebSecurityAutoConfiguration")),
            Map.entry("spring.cloud.aws.s3.enabled", "false"),
            Map.entry("server.port", "0"),
            Map.entry("server.address", "127.0.0.1"),
            Map.entry("com.adobe.testing.s3mock.store.region", REGION),
            Map.entry("com.adobe.testing.s3mock.store.max-payload-size", "10MB"),
            Map.entry("com.adobe.testing.s3mock.httpPort", "0"),
            Map.entry("com.adobe.testing.s3mock.vectors.httpPort", "0"),
            Map.entry("com.adobe.testing.s3mock.vectors.httpsPort", "0"));

    private TestS3() {}

    /** The extension, with {@value #BUCKET} created. */
    public static S3MockExtension extension() {
        var builder =
                S3MockExtension.builder().silent().withInitialBuckets(BUCKET).withSecureConnection(false);
        PROPERTIES.forEach(builder::withProperty);
        return builder.build();
    }

    /** The server's endpoint on loopback. */
    public static URI endpoint(S3MockExtension s3) {
        return URI.create("http://127.0.0.1:" + s3.getHttpPort());
    }

    /** A client of the server, recording its requests in {@code calls} when given. */
    public static S3Client client(S3MockExtension s3, List<String> calls) {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint(s3))
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .overrideConfiguration(c -> {
                    if (calls != null) {
                        c.addExecutionInterceptor(new Recorder(calls));
                    }
                })
                .build();
    }

    /** Copies every file below a local folder to {@code s3://bucket/prefix/<relative path>}. */
    public static void upload(S3Client client, Path folder, String prefix) throws java.io.IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String key = prefix + "/" + folder.relativize(file).toString().replace('\\', '/');
                client.putObject(
                        PutObjectRequest.builder().bucket(BUCKET).key(key).build(), RequestBody.fromFile(file));
            }
        }
    }

    /** The keys below a prefix, sorted. */
    public static List<String> keys(S3Client client, String prefix) {
        List<String> keys = new ArrayList<>();
        client.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix))
                .contents()
                .forEach(object -> keys.add(object.key()));
        return keys.stream().sorted().toList();
    }

    /** Records each request as {@code OPERATION key} (a GET with its range: {@code GetObject key bytes=a-b}). */
    private record Recorder(List<String> calls) implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            String operation = context.request().getClass().getSimpleName().replace("Request", "");
            String key = context.request().getValueForField("Key", String.class).orElse("");
            String range =
                    context.request() instanceof GetObjectRequest get && get.range() != null ? " " + get.range() : "";
            synchronized (calls) {
                calls.add((operation + " " + key).strip() + range);
            }
        }
    }
}
