package com.example.credit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.pipeline.container.ContainerEngine;
import com.example.credit.pipeline.container.SageMakerLocal;
import com.example.credit.training.TrainingJob;
import com.example.credit.training.TrainingRequest;
import com.example.credit.training.config.Hyperparameters;
import com.example.credit.training.data.ChannelLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The main job in SageMaker local mode on Statlog, seed 42: training and serving from the image tars this build
 * made (copied from the reactor by the containers profile), through the engine of scripts/container-engine.sh.
 */
class LocalPipelineContainerIT {

    private static final Path WORK = Path.of("target", "container-pipeline").toAbsolutePath();
    private static final Path REFERENCE_MODEL =
            Path.of("target", "container-pipeline-reference").toAbsolutePath();
    private static final Pattern CONTAINER_NAME = Pattern.compile("credit-pipeline-(?:train|explainer)-[0-9a-z-]+");

    static PipelineOptions options;
    static PipelineSummary summary;
    static String output;

    @BeforeAll
    static void runThePipelineInContainers() {
        options = new PipelineOptions(
                "statlog",
                OptionalLong.empty(),
                42,
                WORK,
                PipelineOptions.Store.LOCAL,
                PipelineOptions.Runtime.CONTAINER);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream printed = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        try {
            summary = new Pipeline(printed).run(options);
        } finally {
            output = buffer.toString(StandardCharsets.UTF_8);
            System.out.print(output);
        }
    }

    @Test
    void trainsInTheContainerTheModelThatInProcessTrainingMakesFromTheSameData() throws IOException {
        deleteTree(REFERENCE_MODEL);
        new TrainingJob(FeatureCatalog.standard(), line -> {})
                .run(new TrainingRequest(
                        new ChannelLayout(WORK.resolve("prepared")),
                        REFERENCE_MODEL,
                        Hyperparameters.parse(Map.of("seed", "42"))));

        assertThat(output).containsPattern("running credit-training@sha256:[0-9a-f]{12} train as container");
        assertThat(WORK.resolve("sagemaker/training/input/config/hyperparameters.json"))
                .content()
                .isEqualTo("{\"seed\":\"42\"}");
        assertThat(Files.readAllBytes(WORK.resolve("model/model.txt")))
                .as("model.txt of the container against in-process training")
                .isEqualTo(Files.readAllBytes(REFERENCE_MODEL.resolve("model.txt")));
    }

    @Test
    void explainsTheTwoHundredTestRecordsInOrderAndAdditively() throws IOException {
        BatchOutputs.assertExplainedInOrderAndAdditively(
                WORK.resolve("prepared/data_test"), WORK.resolve("batch"), 200);
        assertThat(summary.explanations()).isEqualTo(200);
        assertThat(summary.explanationErrors()).isZero();
    }

    @Test
    void writesTheDatasetReport() throws IOException {
        assertThat(Files.readString(WORK.resolve("report/report.html")))
                .contains("<h3>Global importance and beeswarm</h3>", "<h2 id=\"roc-title\">ROC curve</h2>");
        assertThat(summary.reportAuc()).isCloseTo(summary.testAuc(), within(1e-9));
        assertThat(summary.testAuc()).isGreaterThan(0.7);
    }

    @Test
    void saysInTheStepsAndTheSummaryThatTheImagesRan() {
        String kind = System.getenv(ContainerEngine.ENGINE_VARIABLE);

        assertThat(output)
                .contains(
                        "[3/6] train LightGBM (container)",
                        "[4/6] start the explainer on the model (container)",
                        "[5/6] batch-explain the test set");
        assertThat(summary.render())
                .contains("  runtime           container (" + kind + "): "
                        + "credit-training@" + shortId(SageMakerLocal.TRAINING_IMAGE_PROPERTY) + ", "
                        + "credit-explainer@" + shortId(SageMakerLocal.EXPLAINER_IMAGE_PROPERTY));
    }

    @Test
    void keepsTheExplainerContainersLog() {
        assertThat(WORK.resolve("explainer.log")).content().contains("Started");
    }

    @Test
    void leavesNoContainerOfTheRunBehind() {
        Set<String> ran =
                CONTAINER_NAME.matcher(output).results().map(MatchResult::group).collect(Collectors.toSet());
        List<String> left = ContainerEngine.fromEnvironment(System.getenv())
                .run(ContainerEngine.QUICK, List.of("ps", "--all", "--format", "{{.Names}}"))
                .lines()
                .toList();

        assertThat(ran).as("the run's containers, as it printed them").hasSize(2);
        assertThat(left).doesNotContainAnyElementsOf(ran);
    }

    /** The short content id of the image in the folder the build passed, from Jib's image.json. */
    private static String shortId(String property) {
        JsonNode image = JsonMapper.shared()
                .readTree(Path.of(System.getProperty(property))
                        .resolve("image.json")
                        .toFile());
        return image.path("imageId").asString().substring(0, "sha256:".length() + 12);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
