package com.example.credit.pipeline;

import com.example.credit.core.manifest.ModelManifest;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where the pipeline trains and serves the model: two back ends of the same training job and endpoint, which read
 * and write the same folders (the prepared channels, the model folder, the explainer's log), so that every other
 * step is the same whichever ran.
 */
public interface ModelRuntime {

    /** For the step titles: {@code in-process} or {@code container}. */
    String label();

    /** For the summary: the runtime and exactly what ran. */
    String description();

    /**
     * Trains on the prepared channels and writes the model folder.
     *
     * @param preparedDir one folder per channel, as the ETL writes them
     * @param modelDir the empty model folder
     * @param hyperparameters string values, as SageMaker carries them
     * @param progress receives the job's log lines
     * @return the manifest of the model written
     * @throws PipelineException naming the cause when training fails
     */
    ModelManifest train(
            Path preparedDir, Path modelDir, Map<String, String> hyperparameters, Consumer<String> progress);

    /**
     * Starts the explainer on the model folder and waits until it answers {@code /ping}.
     *
     * @param modelDir the trained model
     * @param log where the explainer's log goes
     * @param progress receives what was started where
     * @throws PipelineException when it does not become ready, after stopping it
     */
    Explainer serve(Path modelDir, Path log, Consumer<String> progress);
}
