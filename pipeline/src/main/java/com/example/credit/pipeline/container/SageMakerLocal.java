package com.example.credit.pipeline.container;

import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.manifest.ModelManifestJson;
import com.example.credit.pipeline.Explainer;
import com.example.credit.pipeline.ModelRuntime;
import com.example.credit.pipeline.PipelineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * SageMaker local mode: the training job and the endpoint run from this build's images through a container engine,
 * with the mounts and arguments that SageMaker gives them ({@code <image> train} on {@code /opt/ml/input} and
 * {@code /opt/ml/model}; {@code <image> serve} on the model, read-only). The images are run by content id.
 */
public final class SageMakerLocal implements ModelRuntime {

    /** System property naming the folder with the training image's image.tar and image.json. */
    public static final String TRAINING_IMAGE_PROPERTY = "pipeline.training.image.dir";

    /** System property naming the folder with the explainer image's image.tar and image.json. */
    public static final String EXPLAINER_IMAGE_PROPERTY = "pipeline.explainer.image.dir";

    /** The engine label on every container of a run, its value the run's id. */
    public static final String RUN_LABEL = "com.example.credit.pipeline.run";

    /** The stopping condition of the documented training job (docs/deploy.md: MaxRuntimeInSeconds=3600). */
    static final Duration TRAINING_TIMEOUT = Duration.ofHours(1);

    private static final int OUTPUT_LINES_IN_ERRORS = 15;

    private final ContainerEngine engine;
    private final ImageTar training;
    private final ImageTar explainer;
    private final Path jobsDir;
    private final String runId;

    /**
     * A runtime on these images, keeping its job folders under {@code jobsDir}.
     *
     * @param runId names the run's containers and labels them, unique among the engine's containers
     */
    public SageMakerLocal(ContainerEngine engine, ImageTar training, ImageTar explainer, Path jobsDir, String runId) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.training = Objects.requireNonNull(training, "training");
        this.explainer = Objects.requireNonNull(explainer, "explainer");
        this.jobsDir = Objects.requireNonNull(jobsDir, "jobsDir");
        this.runId = Objects.requireNonNull(runId, "runId");
    }

    /**
     * The engine from the environment and the images from the folders the system properties name (by default
     * the modules' {@code target/jib-image}), each loaded into the engine unless it holds that image id already.
     *
     * @throws PipelineException when there is no engine or no image, naming what sets them up
     */
    public static SageMakerLocal start(Path jobsDir, Consumer<String> progress) {
        ContainerEngine engine = ContainerEngine.fromEnvironment(System.getenv());
        ImageTar training = ImageTar.read(
                Path.of(System.getProperty(TRAINING_IMAGE_PROPERTY, "training-service/target/jib-image")));
        ImageTar explainer = ImageTar.read(
                Path.of(System.getProperty(EXPLAINER_IMAGE_PROPERTY, "explainer-service/target/jib-image")));
        training.ensureLoaded(engine, progress);
        explainer.ensureLoaded(engine, progress);
        String runId =
                Long.toString(ProcessHandle.current().pid(), 36) + "-" + Long.toString(System.currentTimeMillis(), 36);
        return new SageMakerLocal(engine, training, explainer, jobsDir, runId);
    }

    @Override
    public String label() {
        return "container";
    }

    @Override
    public String description() {
        return "container (" + engine.kind() + "): " + training.reference() + ", " + explainer.reference();
    }

    /**
     * Runs {@code <training image> train} as SageMaker runs a training job: the config files it writes under
     * {@code input/config}, each channel read-only under {@code input/data}, the model folder as
     * {@code /opt/ml/model}, and {@code /opt/ml/output} for the failure reason; no network.
     */
    @Override
    public ModelManifest train(
            Path preparedDir, Path modelDir, Map<String, String> hyperparameters, Consumer<String> progress) {
        TrainingJobFolder job = new TrainingJobFolder(jobsDir.resolve("training"));
        PreparedLayout prepared = new PreparedLayout(preparedDir);
        // The required channels, and the optional ones (the split groups) where the ETL wrote them.
        List<Channel> channels = new ArrayList<>(PreparedLayout.TRAINING_CHANNELS);
        PreparedLayout.OPTIONAL_TRAINING_CHANNELS.stream()
                .filter(channel -> Files.isDirectory(prepared.folder(channel)))
                .forEach(channels::add);
        job.write(hyperparameters, channels);
        try {
            // SageMaker creates it, empty, before the container starts.
            Files.createDirectories(modelDir);
        } catch (IOException e) {
            throw new PipelineException("cannot create the model folder " + modelDir + ": " + e.getMessage(), e);
        }
        String name = "credit-pipeline-train-" + runId;
        List<String> run = new ArrayList<>(
                List.of("run", "--rm", "--name", name, "--label", RUN_LABEL + "=" + runId, "--network", "none"));
        mount(run, job.configDir(), "/opt/ml/input/config", true);
        for (Channel channel : channels) {
            mount(run, prepared.folder(channel), "/opt/ml/input/data/" + channel.folder(), true);
        }
        mount(run, modelDir, "/opt/ml/model", false);
        mount(run, job.outputDir(), "/opt/ml/output", false);
        run.addAll(List.of(training.imageId(), "train"));

        progress.accept("running " + training.reference() + " train as container " + name);
        Deque<String> lastLines = new ArrayDeque<>();
        int exit;
        try {
            exit = engine.stream(TRAINING_TIMEOUT, run, line -> {
                progress.accept(line);
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > OUTPUT_LINES_IN_ERRORS) {
                        lastLines.removeFirst();
                    }
                }
            });
        } catch (PipelineException e) {
            // Timed out or interrupted: the engine's CLI is gone, the container may still be training.
            engine.succeeds(ContainerEngine.QUICK, List.of("rm", "--force", name));
            throw e;
        }
        if (exit != 0) {
            throw new PipelineException("the training container " + name + " (" + training.reference()
                    + ") exited with code " + exit
                    + job.failureReason()
                            .map(reason -> "; " + job.failureFile() + " says:\n" + reason)
                            .orElseGet(() -> " and wrote no failure file" + ImageTar.entryPointHint(exit)
                                    + "; its last lines were:\n" + String.join("\n", lastLines)));
        }
        return ModelManifestJson.read(modelDir);
    }

    @Override
    public Explainer serve(Path modelDir, Path log, Consumer<String> progress) {
        String name = "credit-pipeline-explainer-" + runId;
        progress.accept("running " + explainer.reference() + " serve as container " + name);
        return ExplainerContainer.start(engine, explainer, modelDir, log, name, List.of(RUN_LABEL + "=" + runId));
    }

    private static void mount(List<String> run, Path host, String container, boolean readOnly) {
        run.add("--volume");
        run.add(host.toAbsolutePath().normalize() + ":" + container + (readOnly ? ":ro" : ""));
    }
}
