package com.example.credit.pipeline;

import com.example.credit.batch.report.ReportSummary;
import com.example.credit.core.bias.BiasException;
import com.example.credit.core.bias.ClarifyAnalysisJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Completes the report's SageMaker Clarify {@code analysis.json} with the pre-training section from the
 * {@code bias-pre.json} training wrote beside the model: the batch report sees only the test set, the main job sees
 * both. Nothing happens when either file is missing (no protected attributes).
 */
public final class PreTrainingAnalysis {

    private PreTrainingAnalysis() {}

    /**
     * Adds the section, when both files exist.
     *
     * @return whether it was added
     * @throws PipelineException when a file cannot be read or written, or the report is of another format
     */
    public static boolean add(ReportSummary report, Path modelDir) {
        Path biasPre = modelDir.resolve("bias-pre.json");
        if (report.clarifyAnalysis().isEmpty() || !Files.isRegularFile(biasPre)) {
            return false;
        }
        Path analysis = report.clarifyAnalysis().get();
        try {
            String merged = ClarifyAnalysisJson.withPreTraining(Files.readString(analysis), Files.readString(biasPre));
            Path temp = analysis.resolveSibling("." + analysis.getFileName() + ".tmp");
            Files.writeString(temp, merged);
            Files.move(
                    temp,
                    analysis,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException | BiasException e) {
            throw new PipelineException(
                    "cannot add the pre-training bias of " + biasPre + " to " + analysis + ": " + e.getMessage(), e);
        }
    }
}
