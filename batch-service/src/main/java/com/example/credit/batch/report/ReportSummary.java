package com.example.credit.batch.report;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link DatasetReport#write} produced.
 *
 * @param html the report file
 * @param records explained records in the report
 * @param labelled of those, the ones with a label
 * @param errorLines error lines of the batch output (left out)
 * @param auc the AUC against the labels
 * @param bytes the size of the HTML file
 * @param biasPost the post-training bias report beside it ({@code bias-post.json}), when the run's index holds its
 *     fairness
 * @param clarifyAnalysis Clarify's {@code analysis.json} beside it, when the run's index holds its fairness
 */
public record ReportSummary(
        Path html,
        long records,
        long labelled,
        long errorLines,
        double auc,
        long bytes,
        Optional<Path> biasPost,
        Optional<Path> clarifyAnalysis) {

    public ReportSummary {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(biasPost, "biasPost");
        Objects.requireNonNull(clarifyAnalysis, "clarifyAnalysis");
    }
}
