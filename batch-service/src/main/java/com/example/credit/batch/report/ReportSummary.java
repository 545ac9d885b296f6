package com.example.credit.batch.report;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link DatasetReport#write} produced.
 *
 * @param html the report file
 * @param records explained records in the report
 * @param labelled of those, the ones with a label
 * @param errorLines error lines of the batch output (left out)
 * @param auc the AUC against the labels
 * @param bytes the size of the HTML file
 */
public record ReportSummary(Path html, long records, long labelled, long errorLines, double auc, long bytes) {

    public ReportSummary {
        Objects.requireNonNull(html, "html");
    }
}
