package com.example.credit.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one run of the main job produced.
 *
 * @param runtime where the stages ran, and from which images
 * @param rawLocation the raw datasets: a folder, or an s3:// URI
 * @param preparedLocation the prepared datasets and schemas
 * @param modelLocation the trained model: a folder, or the model.tar.gz URI
 * @param applicants applicants generated
 * @param trainRows rows in the training set
 * @param testRows rows in the test set
 * @param trainAucCv the mean cross-validated AUC on the training set
 * @param trainAucCvStd its standard deviation over the folds
 * @param testAuc the AUC on the test set
 * @param generateRowsPerSecond generation throughput
 * @param batchLocation the explained test set (Batch Transform output)
 * @param explanations records explained in the batch
 * @param explanationErrors error lines in the batch output
 * @param explanationsPerSecond batch throughput through the explainer's HTTP contract
 * @param reportFile the HTML dataset report
 * @param reportAuc the AUC of the batch predictions against the test labels
 * @param fairnessLines DI and DPPL of each facet ({@link FairnessHeadline}), or why there are none
 * @param total the wall-clock time of the whole run
 * @param closingLines what the target adds (the AWS resources used, instance-hours), printed last
 */
public record PipelineSummary(
        String runtime,
        String rawLocation,
        String preparedLocation,
        String modelLocation,
        long applicants,
        long trainRows,
        long testRows,
        double trainAucCv,
        double trainAucCvStd,
        double testAuc,
        double generateRowsPerSecond,
        String batchLocation,
        long explanations,
        long explanationErrors,
        double explanationsPerSecond,
        String reportFile,
        double reportAuc,
        List<String> fairnessLines,
        Duration total,
        List<String> closingLines) {

    public PipelineSummary {
        Objects.requireNonNull(total, "total");
        fairnessLines = List.copyOf(fairnessLines);
        closingLines = List.copyOf(closingLines);
    }

    /** The closing report printed at the end of a run. */
    public String render() {
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT,
                """
                pipeline finished in %.1f s
                  runtime           %s
                  raw datasets      %s  (%d applicants, %.0f rows/s)
                  prepared data     %s  (%d train, %d test rows)
                  model             %s
                  train_auc_cv      %.4f (+/- %.4f)
                  test_auc          %.4f
                  explanations      %s  (%d records, %d errors, %.0f explanations/s)
                  report            %s  (AUC %.4f on the explained test set)
                """,
                total.toMillis() / 1000.0,
                runtime,
                rawLocation,
                applicants,
                generateRowsPerSecond,
                preparedLocation,
                trainRows,
                testRows,
                modelLocation,
                trainAucCv,
                trainAucCvStd,
                testAuc,
                batchLocation,
                explanations,
                explanationErrors,
                explanationsPerSecond,
                reportFile,
                reportAuc));
        for (int i = 0; i < fairnessLines.size(); i++) {
            text.append(i == 0 ? "  fairness          " : "                    ")
                    .append(fairnessLines.get(i))
                    .append('\n');
        }
        closingLines.forEach(line -> text.append("  ").append(line).append('\n'));
        return text.toString();
    }
}
