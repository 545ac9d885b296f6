package com.example.credit.pipeline;

import com.example.credit.batch.BatchException;
import com.example.credit.batch.local.LocalExplainer;
import java.net.URI;
import java.nio.file.Path;

/**
 * The explainer service started as its own process on a loopback port by batch-service's {@link LocalExplainer},
 * exactly as the {@code serve} container runs it (model directory and SageMaker's bind-to-port variable), and
 * stopped when the pipeline is done.
 */
final class ExplainerProcess implements Explainer {

    /** System property naming the explainer's executable jar; run-pipeline.sh and the build set it. */
    static final String JAR_PROPERTY = "pipeline.explainer.jar";

    private final LocalExplainer explainer;

    private ExplainerProcess(LocalExplainer explainer) {
        this.explainer = explainer;
    }

    /**
     * Starts the service on the model and waits until {@code /ping} answers 200.
     *
     * @throws PipelineException when the jar is missing or the service does not become ready
     */
    static ExplainerProcess start(Path modelDir, Path log) {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "pipeline/target/explainer/explainer-service.jar"));
        try {
            return new ExplainerProcess(LocalExplainer.start(LocalExplainer.Launch.of(jar, modelDir, log)));
        } catch (BatchException e) {
            throw new PipelineException(e.getMessage(), e);
        }
    }

    @Override
    public URI baseUrl() {
        return explainer.baseUrl();
    }

    @Override
    public void close() {
        explainer.close();
    }
}
