package com.example.credit.training.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.testsupport.container.ContainerImage;
import com.example.credit.testsupport.container.RunsToCompletion;
import com.example.credit.training.OptMlFixture;
import com.example.credit.training.cli.TrainCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The training image run as SageMaker runs it: {@code <image> train} with the three config files under
 * {@code /opt/ml/input/config} (hyperparameters as strings), the five channels mounted read-only and
 * {@code /opt/ml/model} and {@code /opt/ml/output} mounted writable. Trains on the Statlog fixture (the ETL's
 * output) with few trees and folds: the check is equality with the in-process command, not model quality.
 */
class TrainingContainerIT {

    private static final Map<String, String> QUICK = Map.of("tree-n-estimators", "10", "cv-splits", "2", "seed", "7");

    private static DockerImageName image;

    @TempDir(factory = BuildFolderTempDirs.class, cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @BeforeAll
    static void loadImage() {
        image = ContainerImage.fromJibOutput(Path.of(System.getProperty("image.jib.dir")))
                .ensureLoaded();
    }

    @Test
    void trainsTheModelThatTheInProcessCommandTrainsFromTheSameInput() throws IOException {
        Path optMl = layOut("container", QUICK);

        TrainingRun run = TrainingRun.of(training(optMl));

        assertThat(run.exitCode()).as(run.log()).isZero();
        assertThat(fileNames(optMl.resolve("model")))
                .containsExactlyInAnyOrder(
                        "model.txt",
                        "model.json",
                        "data.schema.json",
                        "label.schema.json",
                        "background.jsonl",
                        "approved.jsonl");
        assertThat(optMl.resolve("output/failure")).doesNotExist();
        // SageMaker's metric definitions read these lines from the container's log.
        assertThat(run.log()).containsPattern("(?m)^train_auc_cv: [0-9.]+ \\(\\+/- [0-9.]+\\)$");
        assertThat(run.log()).containsPattern("(?m)^test_auc: [0-9.]+$");

        Path inProcess = layOut("in-process", QUICK);
        assertThat(new TrainCommand(quiet(), quiet()).run(inProcess)).isZero();

        // Deterministic for a seed: the same bytes only if the image runs this build's code on the same data.
        assertThat(optMl.resolve("model/model.txt")).hasSameBinaryContentAs(inProcess.resolve("model/model.txt"));
        assertThat(optMl.resolve("model/model.json")).hasSameBinaryContentAs(inProcess.resolve("model/model.json"));
    }

    @Test
    void failsNamingAnUnknownHyperparameterInTheFailureFile() throws IOException {
        Path optMl = layOut("container", Map.of("tree-n-estimators", "10", "max_depth", "5"));

        TrainingRun run = TrainingRun.of(training(optMl));

        assertThat(run.exitCode()).as(run.log()).isEqualTo(TrainCommand.EXIT_FAILED);
        assertThat(Files.readString(optMl.resolve("output/failure")))
                .startsWith("unknown hyperparameter max_depth='5'; known hyperparameters: tree-n-estimators,");
        assertThat(fileNames(optMl.resolve("model"))).isEmpty();
    }

    @Test
    void stopsBeforeTheJvmStartsNamingLibgompWhenTheImageLacksIt() throws IOException {
        Path optMl = layOut("container", QUICK);
        // The image minus GCC's OpenMP runtime, as on a base without libgomp1: removed in the container's own
        // writable layer (the image stays as it is), then the entry point as SageMaker starts it.
        GenericContainer<?> withoutLibgomp = training(optMl)
                .withCreateContainerCmdModifier(create -> create.withEntrypoint(
                        "sh",
                        "-c",
                        "find / -xdev -name 'libgomp.so*' -exec rm -f {} + && ldconfig && exec /app/bin/train \"$@\"",
                        "sh"));

        TrainingRun run = TrainingRun.of(withoutLibgomp);

        assertThat(run.exitCode()).as(run.log()).isEqualTo(TrainCommand.EXIT_FAILED);
        assertThat(Files.readString(optMl.resolve("output/failure")))
                .startsWith("libgomp.so.1 is missing from this image")
                .contains("OpenMP")
                .contains("libgomp1")
                .contains("-Dtraining.base.image=")
                .hasSizeLessThan(1024);
        assertThat(run.log()).contains("training failed: libgomp.so.1").doesNotContain("UnsatisfiedLinkError");
        assertThat(fileNames(optMl.resolve("model"))).isEmpty();
    }

    /** The container SageMaker would start, one bind mount per folder it provides. */
    private static GenericContainer<?> training(Path optMl) {
        GenericContainer<?> container = new GenericContainer<>(image)
                .withCommand("train")
                .withFileSystemBind(path(optMl, "input/config"), "/opt/ml/input/config", BindMode.READ_ONLY)
                .withFileSystemBind(path(optMl, "model"), "/opt/ml/model", BindMode.READ_WRITE)
                .withFileSystemBind(path(optMl, "output"), "/opt/ml/output", BindMode.READ_WRITE)
                .withStartupCheckStrategy(new RunsToCompletion().withTimeout(Duration.ofMinutes(3)));
        for (Channel channel : PreparedLayout.TRAINING_CHANNELS) {
            container.withFileSystemBind(
                    path(optMl, "input/data/" + channel), "/opt/ml/input/data/" + channel, BindMode.READ_ONLY);
        }
        return container;
    }

    /** An /opt/ml tree under the test's folder: the Statlog channels and the config with these hyperparameters. */
    private Path layOut(String name, Map<String, String> hyperparameters) throws IOException {
        Path root = work.resolve(name);
        Path statlog = statlog();
        for (Channel channel : PreparedLayout.TRAINING_CHANNELS) {
            Path target = Files.createDirectories(root.resolve("input/data").resolve(channel.folder()));
            for (String file : fileNames(statlog.resolve(channel.folder()))) {
                Files.copy(statlog.resolve(channel.folder()).resolve(file), target.resolve(file));
            }
        }
        OptMlFixture.writeConfig(root, hyperparameters);
        Files.createDirectories(root.resolve("model"));
        Files.createDirectories(root.resolve("output"));
        return root;
    }

    private static Path statlog() {
        try {
            return Path.of(Objects.requireNonNull(
                            TrainingContainerIT.class.getResource("/fixtures/statlog"),
                            "the Statlog fixture src/test/resources/fixtures/statlog")
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String path(Path optMl, String relative) {
        return optMl.resolve(relative).toAbsolutePath().toString();
    }

    private static List<String> fileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** One run of a container to its end: the exit code the engine reports and the container's log. */
    private record TrainingRun(long exitCode, String log) {

        static TrainingRun of(GenericContainer<?> container) {
            try (container) {
                container.start();
                return new TrainingRun(
                        container.getCurrentContainerInfo().getState().getExitCodeLong(), container.getLogs());
            }
        }
    }
}
