package com.example.credit.pipeline;

import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.training.TrainingJob;
import com.example.credit.training.TrainingRequest;
import com.example.credit.training.config.Hyperparameters;
import com.example.credit.training.data.ChannelLayout;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/** The default runtime, which needs no container engine: training in this JVM, the explainer jar on loopback. */
final class InProcessRuntime implements ModelRuntime {

    @Override
    public String label() {
        return PipelineOptions.Runtime.IN_PROCESS.flag();
    }

    @Override
    public String description() {
        return "in-process (training in this JVM, the explainer from its jar on loopback)";
    }

    @Override
    public ModelManifest train(
            Path preparedDir, Path modelDir, Map<String, String> hyperparameters, Consumer<String> progress) {
        TrainingRequest request =
                new TrainingRequest(new ChannelLayout(preparedDir), modelDir, Hyperparameters.parse(hyperparameters));
        return new TrainingJob(FeatureCatalog.standard(), progress).run(request);
    }

    @Override
    public Explainer serve(Path modelDir, Path log, Consumer<String> progress) {
        return ExplainerProcess.start(modelDir, log);
    }
}
