package com.example.credit.pipeline;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The explainer service started as its own process on a loopback port, exactly as the {@code serve} container
 * runs it (model directory and SageMaker's bind-to-port variable), and stopped when the pipeline is done.
 */
final class ExplainerProcess implements Explainer {

    /** System property naming the explainer's executable jar; run-pipeline.sh and the build set it. */
    static final String JAR_PROPERTY = "pipeline.explainer.jar";

    private final Process process;
    private final URI baseUrl;

    private ExplainerProcess(Process process, URI baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /**
     * Starts the service on the model and waits until {@code /ping} answers 200.
     *
     * @throws PipelineException when the jar is missing or the service does not become ready
     */
    static ExplainerProcess start(Path modelDir, Path log) {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "pipeline/target/explainer/explainer-service.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new PipelineException(
                    "the explainer needs " + jar.toAbsolutePath() + "; build it with ./mvnw -pl pipeline -am package");
        }
        ExplainerProcess explainer;
        try {
            int port = ChildProcesses.freePort();
            ProcessBuilder builder = new ProcessBuilder(ChildProcesses.java(), "-Xmx1g", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("MODEL_DIR", modelDir.toAbsolutePath().toString());
            builder.environment().put("SAGEMAKER_BIND_TO_PORT", Integer.toString(port));
            explainer = new ExplainerProcess(builder.start(), URI.create("http://127.0.0.1:" + port));
        } catch (IOException e) {
            throw new PipelineException("cannot start the explainer: " + e.getMessage(), e);
        }
        Optional<String> notReady = Explainer.awaitPing(explainer.baseUrl, START_TIMEOUT, explainer::exited);
        if (notReady.isPresent()) {
            explainer.close();
            throw new PipelineException("the explainer " + notReady.get() + "; its log is " + log.toAbsolutePath());
        }
        return explainer;
    }

    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        ChildProcesses.stop(process);
    }

    private Optional<String> exited() {
        return process.isAlive() ? Optional.empty() : Optional.of("exited with code " + process.exitValue());
    }
}
