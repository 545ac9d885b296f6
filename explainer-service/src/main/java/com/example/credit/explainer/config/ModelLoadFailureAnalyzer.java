package com.example.credit.explainer.config;

import com.example.credit.explainer.model.ModelLoadException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a model that cannot be loaded into Boot's short "APPLICATION FAILED TO START" report, so that the file
 * and the problem are the first thing an operator reads in the container log, not the end of a bean stack.
 */
public class ModelLoadFailureAnalyzer extends AbstractFailureAnalyzer<ModelLoadException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ModelLoadException cause) {
        return new FailureAnalysis(
                "The model could not be loaded: " + cause.getMessage(),
                "Point MODEL_DIR (or explainer.model-dir) at a model directory written by training-service: "
                        + "model.txt, model.json, data.schema.json and label.schema.json.",
                cause);
    }
}
