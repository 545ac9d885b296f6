package com.example.credit.pipeline;

import com.example.credit.batch.runs.RunModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The report's global explanations on both targets: they need the model that explained the run. */
public final class GlobalExplanations {

    private GlobalExplanations() {}

    /**
     * The model folder for the report's global explanations, or null (said in the progress) when it holds no {@code
     * model.txt}: the report is then written without them.
     */
    public static Path modelFolder(Path folder, Consumer<String> progress) {
        if (Files.isRegularFile(folder.resolve(RunModel.MODEL_FILE))) {
            return folder;
        }
        progress.accept("no " + RunModel.MODEL_FILE + " in " + folder + ": the report has no global explanations");
        return null;
    }
}
