package com.example.credit.pipeline.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.pipeline.PipelineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's command line, played by a script that behaves as its arguments say. */
class ContainerEngineTests {

    @TempDir
    Path folder;

    ContainerEngine engine;

    @BeforeEach
    void fakeEngineScript() throws IOException {
        // Called as `script cli <case> …`, like scripts/container-engine.sh.
        Path script = folder.resolve("container-engine.sh");
        Files.writeString(script, """
                #!/bin/sh
                shift
                case "$1" in
                  print) echo "  sha256:abc  "; echo "to stderr" >&2 ;;
                  fail) echo "partial"; echo "Error: no such image" >&2; exit 125 ;;
                  lines) echo one; echo two >&2; echo three; exit 3 ;;
                  slow) sleep 30 ;;
                esac
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        engine = new ContainerEngine(script, "podman");
    }

    @Test
    void returnsWhatACommandPrintedOnStandardOutput() {
        assertThat(engine.run(Duration.ofSeconds(10), List.of("print"))).isEqualTo("sha256:abc");
        assertThat(engine.succeeds(Duration.ofSeconds(10), List.of("print"))).isTrue();
    }

    @Test
    void failsNamingTheCommandItsExitCodeAndItsError() {
        assertThatThrownBy(() -> engine.run(Duration.ofSeconds(10), List.of("fail", "sha256:abc")))
                .isInstanceOfSatisfying(ContainerCommandException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(125))
                .hasMessage("`container-engine.sh cli fail sha256:abc` exited with code 125: Error: no such image");
        assertThat(engine.succeeds(Duration.ofSeconds(10), List.of("fail"))).isFalse();
    }

    @Test
    void streamsEveryLineOfBothStreamsAndReturnsTheExitCode() {
        List<String> lines = new ArrayList<>();

        int exit = engine.stream(Duration.ofSeconds(10), List.of("lines"), lines::add);

        assertThat(exit).isEqualTo(3);
        assertThat(lines).containsExactlyInAnyOrder("one", "two", "three");
    }

    @Test
    void savesTheOutputToAFile() throws IOException {
        Path log = folder.resolve("explainer.log");

        engine.save(Duration.ofSeconds(10), List.of("print"), log);

        assertThat(Files.readAllLines(log)).containsExactlyInAnyOrder("  sha256:abc  ", "to stderr");
    }

    @Test
    void stopsACommandThatOutlivesItsTimeout() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> engine.run(Duration.ofMillis(500), List.of("slow")))
                .isInstanceOf(PipelineException.class)
                .hasMessage("`container-engine.sh cli slow` did not finish within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void namesTheScriptThatSetsTheEngineUpWhenTheEnvironmentHasNone() {
        assertThatThrownBy(() -> ContainerEngine.fromEnvironment(Map.of()))
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("CREDIT_CONTAINER_CLI is not set")
                .hasMessageContaining("scripts/container-engine.sh start")
                .hasMessageContaining("--runtime in-process");
    }

    @Test
    void takesTheEngineKindFromTheEnvironment() throws IOException {
        Path script = folder.resolve("container-engine.sh");

        ContainerEngine fromEnv = ContainerEngine.fromEnvironment(
                Map.of("CREDIT_CONTAINER_CLI", script.toString(), "CREDIT_CONTAINER_ENGINE", "docker"));

        assertThat(fromEnv.kind()).isEqualTo("docker");
    }
}
