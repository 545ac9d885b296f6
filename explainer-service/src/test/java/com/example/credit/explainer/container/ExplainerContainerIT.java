package com.example.credit.explainer.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.core.schema.Feature;
import com.example.credit.explainer.ModelFixture;
import com.example.credit.testsupport.container.ContainerImage;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The explainer image run as SageMaker hosting runs it: {@code docker run <image> serve}, the model mounted
 * read-only at /opt/ml/model, reached only through the host and the mapped ports. One shared container (read-only
 * root filesystem, tmpfs /tmp) serves the tests that leave it running; the port and SIGTERM tests start their own.
 *
 * <p>The numbers of the hosting contract, from SageMaker's developer guide ("Use Your Own Inference Code with
 * Hosting Services"): the container must pass the /ping health check within 4 minutes of its start, a /ping
 * attempt times out after 2 seconds, and a container being stopped gets SIGTERM and, 30 seconds later, SIGKILL.
 */
class ExplainerContainerIT {

    private static final Logger log = LoggerFactory.getLogger(ExplainerContainerIT.class);

    private static final Duration SAGEMAKER_STARTUP_BUDGET = Duration.ofMinutes(4);
    private static final Duration SAGEMAKER_PING_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SAGEMAKER_STOP_GRACE = Duration.ofSeconds(30);
    // Longer than the budget, so that a slow start fails the start-up test with its time, not the launch.
    private static final Duration LAUNCH_TIMEOUT = SAGEMAKER_STARTUP_BUDGET.plusMinutes(1);

    private static final int PORT = 8080;
    private static final String ENTITIES = "entities=prediction,explanation_shap_values";
    private static final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static DockerImageName image;
    private static Path model;
    private static InProcessEngine engine;
    private static PingWait sharedPing;
    private static GenericContainer<?> shared;

    @BeforeAll
    static void startSharedContainer() {
        image = ContainerImage.fromJibOutput(Path.of(System.getProperty("image.jib.dir")))
                .ensureLoaded();
        model = ModelFixture.directory();
        engine = InProcessEngine.load(model);
        sharedPing = new PingWait(PORT, LAUNCH_TIMEOUT);
        shared = explainer(sharedPing).withExposedPorts(PORT);
        shared.start();
    }

    @AfterAll
    static void stopSharedContainer() {
        if (shared != null) {
            shared.stop();
        }
    }

    @Test
    void answersPingWithinSageMakersStartUpBudget() {
        Duration startUp = Duration.between(startedAt(shared.getContainerInfo()), sharedPing.firstOk());
        log.info("the explainer answered /ping 200 {} ms after its container started", startUp.toMillis());

        assertThat(startUp).isPositive().isLessThan(SAGEMAKER_STARTUP_BUDGET);
    }

    @Test
    void answersEveryPingFastAndEmptyOnceUp() throws Exception {
        List<Duration> times = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = get(shared, PORT, "/ping");
            times.add(Duration.ofNanos(System.nanoTime() - start));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEmpty();
        }
        Collections.sort(times);
        // Every one within SageMaker's timeout; the median in a few milliseconds, as a /ping that does no work should.
        assertThat(times.get(times.size() - 1)).isLessThan(SAGEMAKER_PING_TIMEOUT);
        assertThat(times.get(times.size() / 2)).isLessThan(Duration.ofMillis(50));
    }

    @Test
    void explainsAJsonArrayWithTheSameShapValuesAsTheInProcessEngine() throws Exception {
        List<ObjectNode> applications = ModelFixture.applications().subList(0, 100);
        String body = JsonMapper.shared().writeValueAsString(applications);

        HttpResponse<String> response = post(shared, "/invocations", "application/json;" + ENTITIES, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode results = JsonMapper.shared().readTree(response.body());
        List<JsonNode> records = new ArrayList<>();
        results.forEach(records::add);
        assertEqualToInProcessEngine(applications, records);
    }

    @Test
    void explainsJsonLinesWithTheSameShapValuesAsTheInProcessEngine() throws Exception {
        List<ObjectNode> all = ModelFixture.applications();
        List<ObjectNode> applications = all.subList(100, all.size());
        String body = applications.stream().map(ObjectNode::toString).collect(Collectors.joining("\n", "", "\n"));

        HttpResponse<String> response = post(shared, "/invocations", "application/jsonlines;" + ENTITIES, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/jsonlines"));
        List<JsonNode> records = response.body()
                .lines()
                .filter(line -> !line.isBlank())
                .map(line -> JsonMapper.shared().readTree(line))
                .toList();
        assertEqualToInProcessEngine(applications, records);
    }

    @Test
    void runsAsTheImagesNonRootUser() throws Exception {
        assertThat(shared.getContainerInfo().getConfig().getUser()).isEqualTo("1000:1000");
        assertThat(exec(shared, "id", "-u").getStdout().strip()).isEqualTo("1000");
        // The server itself (PID 1, no shell in between): real, effective, saved and file-system uid all 1000.
        assertThat(exec(shared, "cat", "/proc/1/status").getStdout().lines()).contains("Uid:\t1000\t1000\t1000\t1000");
    }

    @Test
    void runsOnAReadOnlyRootFilesystemWithAWritableTmpAndAReadOnlyModel() throws Exception {
        assertThat(shared.getContainerInfo().getHostConfig().getReadonlyRootfs())
                .isTrue();

        ExecResult root = shared.execInContainer("touch", "/probe");
        ExecResult modelDirectory = shared.execInContainer("touch", "/opt/ml/model/probe");
        ExecResult tmp = shared.execInContainer("touch", "/tmp/probe");

        assertThat(root.getExitCode()).isNotZero();
        assertThat(root.getStderr()).contains("Read-only file system");
        assertThat(modelDirectory.getExitCode()).isNotZero();
        assertThat(modelDirectory.getStderr()).contains("Read-only file system");
        assertThat(tmp.getExitCode()).as(tmp.getStderr()).isZero();
    }

    @Test
    void listensOnSageMakersBindToPortInsteadOf8080() throws Exception {
        int bindTo = 9090;
        try (GenericContainer<?> explainer = explainer(new PingWait(bindTo, LAUNCH_TIMEOUT))
                .withEnv("SAGEMAKER_BIND_TO_PORT", Integer.toString(bindTo))
                .withExposedPorts(bindTo, PORT)) {
            explainer.start();

            assertThat(get(explainer, bindTo, "/ping").statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> get(explainer, PORT, "/ping")).isInstanceOf(IOException.class);
        }
    }

    @Test
    void drainsTheRequestInFlightOnSigtermAndExitsZeroWithinSageMakersGrace() throws Exception {
        try (GenericContainer<?> explainer =
                        explainer(new PingWait(PORT, LAUNCH_TIMEOUT)).withExposedPorts(PORT);
                Socket socket = new Socket()) {
            explainer.start();
            DockerClient docker = DockerClientFactory.instance().client();
            byte[] body = ModelFixture.applications(1).get(0).toString().getBytes(StandardCharsets.UTF_8);
            int half = body.length / 2;

            // A request whose body is only half sent stays in flight, inside the servlet, until the rest arrives.
            socket.connect(new InetSocketAddress(explainer.getHost(), explainer.getMappedPort(PORT)));
            socket.setSoTimeout((int) SAGEMAKER_STOP_GRACE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /invocations HTTP/1.1\r\nHost: explainer\r\nContent-Type: application/json;" + ENTITIES
                            + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.flush();
            awaitTrue("the half-sent POST to be an active request", () -> activePosts(explainer) == 1);
            assertThat(answersPingOnANewConnection(explainer)).isTrue();

            Instant signalled = Instant.now();
            docker.killContainerCmd(explainer.getContainerId())
                    .withSignal("SIGTERM")
                    .exec();
            // The rest of the body is held until the server has stopped taking new connections: the shutdown is
            // under way, with our request still in it.
            awaitTrue("the server to refuse new connections", () -> !answersPingOnANewConnection(explainer));
            out.write(body, half, body.length - half);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 200");
            JsonNode result = JsonMapper.shared().readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertThat(result.get("prediction").asDouble()).isBetween(0.0, 1.0);
            awaitTrue(
                    "the container to exit",
                    () -> !inspect(docker, explainer).getState().getRunning());
            InspectContainerResponse.ContainerState state =
                    inspect(docker, explainer).getState();
            assertThat(state.getExitCodeLong())
                    .as("exit code; the log:%n%s", explainer.getLogs())
                    .isZero();
            assertThat(Duration.between(signalled, Instant.parse(state.getFinishedAt())))
                    .isLessThan(SAGEMAKER_STOP_GRACE);
        }
    }

    /**
     * The explainer as SageMaker starts it, hardened as it is deployed: {@code serve}, the model mounted read-only,
     * a read-only root filesystem and a tmpfs /tmp. The model is bound through the create command rather than
     * {@code withFileSystemBind}, whose mount check would pull an alpine image from Docker Hub.
     */
    private static GenericContainer<?> explainer(PingWait ping) {
        Bind modelMount = new Bind(model.toString(), new Volume("/opt/ml/model"), AccessMode.ro);
        return new GenericContainer<>(image)
                .withCommand("serve")
                .withTmpFs(Map.of("/tmp", "rw"))
                .withCreateContainerCmdModifier(
                        cmd -> cmd.getHostConfig().withReadonlyRootfs(true).withBinds(modelMount))
                .waitingFor(ping);
    }

    private static void assertEqualToInProcessEngine(List<ObjectNode> applications, List<JsonNode> records) {
        assertThat(records).hasSameSizeAs(applications);
        for (int r = 0; r < applications.size(); r++) {
            InProcessEngine.Explanation expected = engine.explain(applications.get(r));
            JsonNode explanation = records.get(r).get("explanation_shap_values");
            // Java's arithmetic is strict IEEE 754 on every JVM and Jackson writes a double with the digits that read
            // back to the same bits, so TreeSHAP's values must come back bit for bit.
            for (Feature feature : engine.catalog().features()) {
                assertThat(explanation.get("shap_values").get(feature.name()).asDouble())
                        .as("record %d, %s", r, feature.name())
                        .isEqualTo(expected.contributions()[feature.index()]);
            }
            assertThat(explanation.get("expected_value").asDouble()).isEqualTo(expected.expectedValue());
            assertThat(explanation.get("raw_score").asDouble()).isEqualTo(expected.rawScore());
            // The probability goes through Math.exp, which may differ in the last bit between JVM builds (the image's
            // JRE is not necessarily the test's): a few ulps of a number below 1.
            assertThat(records.get(r).get("prediction").asDouble())
                    .as("record %d, prediction", r)
                    .isCloseTo(expected.prediction(), within(1e-15));
        }
    }

    private static Instant startedAt(InspectContainerResponse container) {
        return Instant.parse(container.getState().getStartedAt());
    }

    private static InspectContainerResponse inspect(DockerClient docker, GenericContainer<?> container) {
        return docker.inspectContainerCmd(container.getContainerId()).exec();
    }

    private static ExecResult exec(GenericContainer<?> container, String... command) throws Exception {
        ExecResult result = container.execInContainer(command);
        assertThat(result.getExitCode())
                .as("%s: %s", String.join(" ", command), result.getStderr())
                .isZero();
        return result;
    }

    /** Whether {@code GET /ping} on a new connection is answered 200 (no pooled connection: a fresh socket). */
    private static boolean answersPingOnANewConnection(GenericContainer<?> container) {
        int timeout = (int) SAGEMAKER_PING_TIMEOUT.toMillis();
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(container.getHost(), container.getMappedPort(PORT)), timeout);
            probe.setSoTimeout(timeout);
            probe.getOutputStream()
                    .write("GET /ping HTTP/1.1\r\nHost: explainer\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            return new String(probe.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                    .startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false; // refused, reset or timed out
        }
    }

    /** Requests in the server's filter chain with method POST, from the observation's active-requests timer. */
    private static int activePosts(GenericContainer<?> container) {
        try {
            HttpResponse<String> response =
                    get(container, PORT, "/actuator/metrics/http.server.requests.active?tag=method:POST");
            if (response.statusCode() != 200) {
                return 0; // 404: no POST is active
            }
            for (JsonNode measurement :
                    JsonMapper.shared().readTree(response.body()).get("measurements")) {
                if (measurement.get("statistic").asString().equals("ACTIVE_TASKS")) {
                    return measurement.get("value").asInt();
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        Duration patience = SAGEMAKER_STOP_GRACE.plusSeconds(10);
        Instant deadline = Instant.now().plus(patience);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail("gave up waiting for " + what + " after " + patience);
            }
            Thread.sleep(50);
        }
    }

    private static URI uri(GenericContainer<?> container, int port, String path) {
        return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(port) + path);
    }

    private static HttpResponse<String> get(GenericContainer<?> container, int port, String path)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(container, port, path))
                .timeout(SAGEMAKER_PING_TIMEOUT)
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(GenericContainer<?> container, String path, String type, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(container, PORT, path))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
