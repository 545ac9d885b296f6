package com.example.credit.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What one run of the local pipeline produced.
 *
 * @param runtime where the model was trained and served, and from which images
 * @param rawLocation the raw datasets: a folder, or an s3:// URI in the embedded store
 * @param preparedDir the prepared datasets and schemas
 * @param modelDir the trained model
 * @param applicants applicants generated
 * @param trainRows rows in the training set
 * @param testRows rows in the test set
 * @param trainAucCv the mean cross-validated AUC on the training set
 * @param trainAucCvStd its standard deviation over the folds
 * @param testAuc the AUC on the test set
 * @param generateRowsPerSecond generation throughput
 * @param batchDir the explained test set (Batch Transform output)
 * @param explanations records explained in the batch
 * @param explanationErrors error lines in the batch output
 * @param explanationsPerSecond batch throughput through the explainer's HTTP contract
 * @param reportFile the HTML dataset report
 * @param reportAuc the AUC of the batch predictions against the test labels
 * @param total the wall-clock time of the whole run
 */
public record PipelineSummary(
        String runtime,
        String rawLocation,
        Path preparedDir,
        Path modelDir,
        long applicants,
        long trainRows,
        long testRows,
        double trainAucCv,
        double trainAucCvStd,
        double testAuc,
        double generateRowsPerSecond,
        Path batchDir,
        long explanations,
        long explanationErrors,
        double explanationsPerSecond,
        Path reportFile,
        double reportAuc,
        Duration total) {

    /** The closing report printed at the end of a run. */
    public String render() {
        return String.format(
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
                preparedDir.toAbsolutePath().normalize(),
                trainRows,
                testRows,
                modelDir.toAbsolutePath().normalize(),
                trainAucCv,
                trainAucCvStd,
                testAuc,
                batchDir.toAbsolutePath().normalize(),
                explanations,
                explanationErrors,
                explanationsPerSecond,
                reportFile.toAbsolutePath().normalize(),
                reportAuc);
    }
}
