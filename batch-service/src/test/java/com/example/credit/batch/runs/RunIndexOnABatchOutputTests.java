package com.example.credit.batch.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.batch.TestModel;
import com.example.credit.batch.report.BatchOutput;
import com.example.credit.batch.report.BatchOutputFixture;
import com.example.credit.batch.report.BatchOutputReader;
import com.example.credit.batch.report.LabelReader;
import com.example.credit.batch.report.ScoredRecord;
import com.example.credit.core.manifest.ModelManifestJson;
import com.example.credit.core.schema.FeatureCatalog;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The index of a real batch output (the test model's data_test through the local back end, joined to its input)
 * against the batch output reader, which reads the same output with its own code, and the AUC training recorded for
 * the same model and rows: the same counts and AUC, and every applicant found by row_id with its own line.
 */
class RunIndexOnABatchOutputTests {

    @TempDir
    Path temp;

    @Test
    void agreesWithTheBatchOutputReaderAndTrainingsAucAndFindsEveryApplicant() {
        Path run = BatchOutputFixture.copy(temp.resolve("run"));
        Map<String, Boolean> labels = LabelReader.read(BatchOutputFixture.labels(), JsonMapper.shared());
        BatchOutput read = new BatchOutputReader(FeatureCatalog.standard(), JsonMapper.shared()).read(run);

        new RunIndexWriter(FeatureCatalog.standard()).write(run, labels);
        RunIndex index = RunIndex.open(run, FeatureCatalog.standard());

        assertThat(index.rows()).isEqualTo(read.records().size());
        assertThat(index.summary().path("error_lines").asLong()).isEqualTo(read.errorLines());
        assertThat(index.summary().path("labelled").asLong())
                .isEqualTo(read.records().stream()
                        .map(ScoredRecord::rowId)
                        .filter(labels::containsKey)
                        .count());
        assertThat(index.summary().path("auc").asDouble())
                .isCloseTo(
                        ModelManifestJson.read(TestModel.directory()).metrics().get("test_auc"), within(1e-9));
        for (String rowId :
                labels.keySet().stream().sorted(Comparator.naturalOrder()).toList()) {
            RunIndex.Applicant applicant = index.applicant(rowId);
            assertThat(applicant.record().path("row_id").asString()).isEqualTo(rowId);
            assertThat(applicant.label()).isEqualTo(labels.get(rowId) ? 1 : 0);
        }
    }
}
