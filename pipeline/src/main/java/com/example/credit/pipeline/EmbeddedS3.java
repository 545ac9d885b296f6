package com.example.credit.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3-compatible store on loopback for the local pipeline (and the AWS target's tests): Adobe's S3Mock, run as its own process (so its
 * Spring Boot never meets Spark on one classpath), with one bucket and throw-away credentials.
 */
public final class EmbeddedS3 implements AutoCloseable {

    /** System property naming the S3Mock executable jar; run-pipeline.sh and the build set it. */
    static final String JAR_PROPERTY = "pipeline.s3mock.jar";

    /** System property with the JVM options of the S3Mock process, separated by spaces; the tests set it. */
    static final String JVM_OPTIONS_PROPERTY = "pipeline.s3mock.jvm-options";

    /** The JVM options of the S3Mock process unless {@value #JVM_OPTIONS_PROPERTY} says otherwise. */
    static final String DEFAULT_JVM_OPTIONS = "-Xmx512m";

    public static final String BUCKET = "credit-pipeline";
    public static final String REGION = "us-east-1";

    // S3Mock checks no signatures; these only satisfy the clients' need for some credentials.
    public static final String ACCESS_KEY = "pipeline-local";
    public static final String SECRET_KEY = "pipeline-local-secret";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final URI endpoint;

    private EmbeddedS3(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * Starts the store with its data under {@code storeRoot} and waits until it answers.
     *
     * @throws PipelineException when the jar is missing or the store does not come up in time
     */
    public static EmbeddedS3 start(Path storeRoot) {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "pipeline/target/s3mock/s3mock-exec.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new PipelineException("the S3-compatible store needs " + jar.toAbsolutePath()
                    + "; build it with ./mvnw -pl pipeline -am package");
        }
        try {
            Files.createDirectories(storeRoot);
            int port = ChildProcesses.freePort();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions());
            command.addAll(List.of(
                    "-jar",
                    jar.toString(),
                    "--com.adobe.testing.s3mock.httpPort=" + port,
                    "--server.port=0",
                    "--com.adobe.testing.s3mock.store.region=" + REGION,
                    "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET,
                    // Keep the objects after the run, so that a user can look at what each step wrote.
                    "--com.adobe.testing.s3mock.store.retainFilesOnExit=true",
                    "--com.adobe.testing.s3mock.store.root=" + storeRoot.toAbsolutePath()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(storeRoot.resolveSibling("s3mock.log").toFile())
                    .start();
            EmbeddedS3 store = new EmbeddedS3(process, URI.create("http://127.0.0.1:" + port));
            store.awaitListening(port);
            return store;
        } catch (IOException e) {
            throw new PipelineException("cannot start the S3-compatible store: " + e.getMessage(), e);
        }
    }

    /** The options of {@value #JVM_OPTIONS_PROPERTY}, else {@link #DEFAULT_JVM_OPTIONS}. */
    static List<String> jvmOptions() {
        String options =
                System.getProperty(JVM_OPTIONS_PROPERTY, DEFAULT_JVM_OPTIONS).strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    /** The store's HTTP endpoint. */
    public URI endpoint() {
        return endpoint;
    }

    /** Credentials the store accepts. */
    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** A path-style client for the store. */
    public S3Client client() {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(REGION))
                .credentialsProvider(credentials())
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .build();
    }

    /**
     * Copies every object under {@code prefix} to {@code target}, keeping the relative paths, as SageMaker
     * copies an S3 channel into the training container.
     *
     * @return the number of files copied
     */
    long download(String prefix, Path target) {
        String base = prefix.endsWith("/") ? prefix : prefix + "/";
        try (S3Client s3 = client()) {
            List<S3Object> objects = s3
                    .listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(base))
                    .contents()
                    .stream()
                    .toList();
            for (S3Object object : objects) {
                Path file =
                        target.resolve(object.key().substring(base.length())).normalize();
                if (!file.startsWith(target)) {
                    throw new PipelineException("object key " + object.key() + " escapes " + target);
                }
                Files.createDirectories(file.getParent());
                try (InputStream in =
                        s3.getObject(b -> b.bucket(BUCKET).key(object.key()), ResponseTransformer.toInputStream())) {
                    Files.copy(in, file);
                }
            }
            return objects.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy s3://" + BUCKET + "/" + base + " to " + target, e);
        }
    }

    @Override
    public void close() {
        ChildProcesses.stop(process);
    }

    private void awaitListening(int port) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new PipelineException(
                        "the S3-compatible store exited with code " + process.exitValue() + " while starting");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                ChildProcesses.pause();
            }
        }
        close();
        throw new PipelineException("the S3-compatible store did not answer on port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s");
    }
}
