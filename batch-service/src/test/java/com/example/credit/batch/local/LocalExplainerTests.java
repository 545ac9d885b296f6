package com.example.credit.batch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.batch.ExplainerStartException;
import com.example.credit.batch.local.LocalExplainer.Launch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalExplainerTests {

    @TempDir
    Path temp;

    private Path jar;

    /** A jar that only names {@link FakeExplainerMain} and this module's test classes, as {@code java -jar} needs. */
    @BeforeEach
    void fakeExplainerJar() throws IOException, URISyntaxException {
        Path classes = Path.of(FakeExplainerMain.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeExplainerMain.class.getName());
        manifest.getMainAttributes()
                .put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
        jar = temp.resolve("fake-explainer.jar");
        try (OutputStream out = Files.newOutputStream(jar)) {
            new JarOutputStream(out, manifest).finish(); // The manifest is the whole jar.
        }
    }

    @Test
    void startsTheJarUnderTheHostingContractAndStopsItOnClose() throws Exception {
        Path model = model("serve");
        LocalExplainer explainer;
        try (LocalExplainer started = LocalExplainer.start(Launch.of(jar, model, temp.resolve("logs/explainer.log")))) {
            explainer = started;
            assertThat(started.baseUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(get(started.baseUrl().resolve("/ping")).statusCode()).isEqualTo(200);
            assertThat(get(started.baseUrl().resolve("/model-dir")).body())
                    .isEqualTo(model.toAbsolutePath().toString());
            assertThat(started.isAlive()).isTrue();
        }
        assertThat(explainer.isAlive()).isFalse();
        assertThat(temp.resolve("logs/explainer.log")).content().contains("fake explainer: serve");
    }

    @Test
    void aServiceThatExitsWhileStartingFailsWithItsExitCodeAndLog() throws IOException {
        Path log = temp.resolve("explainer.log");

        assertThatThrownBy(() -> LocalExplainer.start(Launch.of(jar, model("exit"), log)))
                .isInstanceOf(ExplainerStartException.class)
                .hasMessage("the explainer exited with code 3 while starting; its log is " + log.toAbsolutePath());
    }

    @Test
    void aServiceThatNeverAnswersPingFailsAfterTheTimeoutAndIsStopped() throws IOException {
        Launch launch =
                Launch.of(jar, model("silent"), temp.resolve("explainer.log")).withStartTimeout(Duration.ofSeconds(2));

        assertThatThrownBy(() -> LocalExplainer.start(launch))
                .isInstanceOf(ExplainerStartException.class)
                .hasMessageMatching(
                        "the explainer did not answer http://127\\.0\\.0\\.1:\\d+/ping within 2 s; its log is .*");
        assertThat(ProcessHandle.current()
                        .children()
                        .filter(ProcessHandle::isAlive)
                        .filter(this::runsTheFakeJar))
                .as("no fake explainer left running")
                .isEmpty();
    }

    @Test
    void aMissingJarOrModelFolderIsNamedBeforeAnythingStarts() throws IOException {
        Path missingJar = temp.resolve("nowhere/explainer.jar");

        assertThatThrownBy(() -> LocalExplainer.start(Launch.of(missingJar, model("serve"), temp.resolve("l.log"))))
                .isInstanceOf(ExplainerStartException.class)
                .hasMessage("the explainer jar " + missingJar.toAbsolutePath()
                        + " does not exist; build it with ./mvnw -pl explainer-service -am package");
        assertThatThrownBy(() -> LocalExplainer.start(Launch.of(jar, temp.resolve("no-model"), temp.resolve("l.log"))))
                .isInstanceOf(ExplainerStartException.class)
                .hasMessageContaining(
                        "the model folder " + temp.resolve("no-model").toAbsolutePath());
    }

    @Test
    void theScriptEntryPointPrintsPidAndUrlAndLeavesTheServiceRunning() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {
            "--jar", jar.toString(),
            "--model-dir", model("serve").toString(),
            "--log", temp.resolve("explainer.log").toString(),
            "--jvm-options", "-Xmx64m -Xss1m"
        };

        int code = LocalExplainer.run(args, print(out), print(err));

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String[] printed = out.toString(StandardCharsets.UTF_8).strip().split(" ");
        ProcessHandle child = ProcessHandle.of(Long.parseLong(printed[0])).orElseThrow();
        try {
            assertThat(child.isAlive()).isTrue();
            assertThat(child.info().arguments().map(List::of).orElse(List.of())).contains("-Xmx64m", "-Xss1m");
            assertThat(get(URI.create(printed[1]).resolve("/ping")).statusCode())
                    .isEqualTo(200);
        } finally {
            child.destroy();
            child.onExit().get();
        }
    }

    @Test
    void theScriptEntryPointRejectsMissingAndUnknownFlags() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(LocalExplainer.run(new String[] {"--jar", "x.jar"}, print(new ByteArrayOutputStream()), print(err)))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("missing --model-dir; usage: LocalExplainer");
        err.reset();
        assertThat(LocalExplainer.run(
                        new String[] {"--jar", "x", "--model-dir", "m", "--log", "l", "--port", "80"},
                        print(new ByteArrayOutputStream()),
                        print(err)))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("unknown flag --port; usage:");
    }

    private boolean runsTheFakeJar(ProcessHandle process) {
        return process.info()
                .arguments()
                .map(List::of)
                .orElse(List.of())
                .contains(jar.toAbsolutePath().toString());
    }

    private Path model(String behaviour) throws IOException {
        Path model = Files.createDirectories(temp.resolve("model-" + behaviour));
        Files.writeString(model.resolve("behaviour"), behaviour);
        return model;
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
