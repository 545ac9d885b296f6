package com.example.credit.batch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.batch.ReportException;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The reader of batch outputs the pipeline counts explained records with. */
class BatchOutputReaderTests {

    private static final JsonMapper MAPPER = JsonMapper.shared();
    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();

    @TempDir
    Path temp;

    @Test
    void leavesErrorLinesOutAndCountsThem() throws IOException {
        Path copy = temp.resolve("predictions");
        Files.createDirectories(copy);
        List<String> lines = new ArrayList<>(
                Files.readAllLines(BatchOutputFixture.predictions().resolve("part-00000.json.out")));
        lines.add(1, "{\"error\":{\"status\":400,\"title\":\"Invalid application\",\"detail\":\"x\",\"line\":2}}");
        Files.write(copy.resolve("part-00000.json.out"), lines);

        BatchOutput output = new BatchOutputReader(CATALOG, MAPPER).read(copy);

        assertThat(output.errorLines()).isEqualTo(1);
        assertThat(output.records()).hasSize(100);
        assertThat(output.files()).isEqualTo(1);
    }

    @Test
    void refusesOutputWithoutRowIds() throws IOException {
        Path file = temp.resolve("a.out");
        Files.writeString(file, "{\"prediction\":0.2,\"explanation_shap_values\":{}}\n");

        assertThatThrownBy(() -> new BatchOutputReader(CATALOG, MAPPER).read(file))
                .isInstanceOf(ReportException.class)
                .hasMessageStartingWith("a.out line 1 has no row_id: run the batch with JoinSource=Input");
    }
}
