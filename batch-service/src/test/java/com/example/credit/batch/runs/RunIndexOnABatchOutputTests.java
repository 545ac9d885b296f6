package com.example.credit.batch.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.batch.report.BatchOutputFixture;
import com.example.credit.batch.report.DatasetReport;
import com.example.credit.batch.report.LabelReader;
import com.example.credit.batch.report.ReportSummary;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The index of a real batch output (the test model's data_test through the local back end, joined to its input)
 * against the dataset report, which reads the same output with its own code: the same counts and AUC, and every
 * applicant found by row_id with its own line.
 */
class RunIndexOnABatchOutputTests {

    @TempDir
    Path temp;

    @Test
    void agreesWithTheDatasetReportAndFindsEveryApplicant() throws IOException {
        Path run = temp.resolve("run");
        try (Stream<Path> files = Files.walk(BatchOutputFixture.predictions())) {
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".out")).toList()) {
                Path copy = run.resolve(
                        BatchOutputFixture.predictions().relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        Map<String, Boolean> labels = LabelReader.read(BatchOutputFixture.labels(), JsonMapper.shared());
        ReportSummary report = DatasetReport.write(run, BatchOutputFixture.labels(), temp.resolve("report.html"));

        new RunIndexWriter(FeatureCatalog.standard()).write(run, labels);
        RunIndex index = RunIndex.open(run, FeatureCatalog.standard());

        assertThat((long) index.rows()).isEqualTo(report.records());
        assertThat(index.summary().path("labelled").asLong()).isEqualTo(report.labelled());
        assertThat(index.summary().path("auc").asDouble()).isEqualTo(report.auc());
        for (String rowId :
                labels.keySet().stream().sorted(Comparator.naturalOrder()).toList()) {
            RunIndex.Applicant applicant = index.applicant(rowId);
            assertThat(applicant.record().path("row_id").asString()).isEqualTo(rowId);
            assertThat(applicant.label()).isEqualTo(labels.get(rowId) ? 1 : 0);
        }
    }
}
