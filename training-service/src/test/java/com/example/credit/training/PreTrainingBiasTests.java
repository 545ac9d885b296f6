package com.example.credit.training;

import static com.example.credit.training.TrainingFailures.hasReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.training.TrainingException.Reason;
import com.example.credit.training.config.Hyperparameters;
import com.example.credit.training.data.ChannelLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pre-training bias report training writes beside the model when the protected channel is given: its figures are
 * recounted here from the channel files themselves (an independent computation of CI and DPL), the protected
 * attributes never reach the model, and a training row without protected attributes fails the job.
 */
class PreTrainingBiasTests {

    private static final JsonMapper MAPPER = JsonMapper.shared();

    @TempDir
    Path temp;

    /** Writes protected attributes for every training row: a seeded age, a gender and a relationship status. */
    private static void writeProtected(Path prepared, int skip) throws IOException {
        Path folder = Files.createDirectories(prepared.resolve(Channel.PROTECTED_TRAIN.folder()));
        List<String> lines = new ArrayList<>();
        int row = 0;
        for (String id : rowIds(prepared.resolve(Channel.DATA_TRAIN.folder()))) {
            if (row++ == skip) {
                continue;
            }
            lines.add("{\"row_id\":\"" + id + "\",\"personal__age\":" + (19 + Math.floorMod(id.hashCode(), 55))
                    + ",\"personal__gender\":\"" + (Math.floorMod(id.hashCode(), 3) == 0 ? "female" : "male")
                    + "\",\"personal__relationship_status\":\""
                    + List.of("single", "married", "divorced", "widowed").get(Math.floorMod(id.hashCode(), 4)) + "\"}");
        }
        Files.write(folder.resolve("part-00000.json"), lines);
    }

    private static List<String> rowIds(Path folder) throws IOException {
        List<String> ids = new ArrayList<>();
        for (Path part : PreparedLayout.dataFiles(folder)) {
            for (String line : Files.readAllLines(part)) {
                if (!line.isBlank()) {
                    ids.add(MAPPER.readTree(line).path("row_id").asString());
                }
            }
        }
        return ids;
    }

    private static Map<String, JsonNode> byRowId(Path folder) throws IOException {
        Map<String, JsonNode> rows = new HashMap<>();
        for (Path part : PreparedLayout.dataFiles(folder)) {
            for (String line : Files.readAllLines(part)) {
                if (!line.isBlank()) {
                    JsonNode node = MAPPER.readTree(line);
                    rows.put(node.path("row_id").asString(), node);
                }
            }
        }
        return rows;
    }

    private Path train(Path prepared) {
        Path model = temp.resolve("model");
        new TrainingJob(com.example.credit.core.schema.FeatureCatalog.standard(), line -> {})
                .run(new TrainingRequest(new ChannelLayout(prepared), model, Hyperparameters.defaults()));
        return model;
    }

    @Test
    void writesThePreTrainingMetricsOfEachFacetAsTheLabelsAndProtectedFilesCountThem() throws IOException {
        Path prepared = PreparedDataFixture.write(temp.resolve("prepared"));
        writeProtected(prepared, -1);

        Path model = train(prepared);

        JsonNode report =
                MAPPER.readTree(model.resolve(TrainingJob.BIAS_PRE_FILE).toFile());
        // Recount women and their good outcomes straight from the files: n_d, n_a and the shares q of no default.
        Map<String, JsonNode> labels = byRowId(prepared.resolve(Channel.LABEL_TRAIN.folder()));
        Map<String, JsonNode> attributes = byRowId(prepared.resolve(Channel.PROTECTED_TRAIN.folder()));
        double women = 0;
        double others = 0;
        double goodWomen = 0;
        double goodOthers = 0;
        for (Map.Entry<String, JsonNode> label : labels.entrySet()) {
            boolean good = !label.getValue().path("credit__default").asBoolean();
            if (attributes
                    .get(label.getKey())
                    .path("personal__gender")
                    .asString()
                    .equals("female")) {
                women++;
                goodWomen += good ? 1 : 0;
            } else {
                others++;
                goodOthers += good ? 1 : 0;
            }
        }
        JsonNode female = facet(report, "personal__gender=female");
        // CI = (n_a - n_d) / (n_a + n_d); DPL = q_a - q_d.
        assertThat(metric(female, "CI")).isCloseTo((others - women) / (others + women), within(1e-12));
        assertThat(metric(female, "DPL")).isCloseTo(goodOthers / others - goodWomen / women, within(1e-12));
        assertThat(report.path("facets").size()).isEqualTo(10);
        assertThat(report.toString()).doesNotContain("NaN", "Infinity");
        // The protected attributes are not in the model nor in its manifest.
        for (String file : List.of(TrainingJob.MODEL_FILE, TrainingJob.MANIFEST_FILE)) {
            assertThat(Files.readString(model.resolve(file)))
                    .as(file)
                    .doesNotContain("personal__age", "personal__gender", "personal__relationship_status");
        }
    }

    @Test
    void writesNoBiasReportWithoutTheProtectedChannel() throws IOException {
        Path model = train(PreparedDataFixture.write(temp.resolve("prepared")));

        try (Stream<Path> files = Files.list(model)) {
            assertThat(files.map(path -> path.getFileName().toString())).doesNotContain(TrainingJob.BIAS_PRE_FILE);
        }
    }

    @Test
    void failsWhenATrainingRowHasNoProtectedAttributes() throws IOException {
        Path prepared = PreparedDataFixture.write(temp.resolve("prepared"));
        writeProtected(prepared, 3);

        assertThatThrownBy(() -> train(prepared))
                .isInstanceOfSatisfying(TrainingException.class, hasReason(Reason.CHANNEL_DATA))
                .hasMessageContaining(
                        "row id mismatch: protected_train has no protected attributes for 1 training" + " row(s)");
        assertThat(temp.resolve("model").resolve(TrainingJob.MODEL_FILE)).doesNotExist();
    }

    private static JsonNode facet(JsonNode report, String name) {
        for (JsonNode facet : report.path("facets")) {
            if (facet.path("name").asString().equals(name)) {
                return facet;
            }
        }
        throw new AssertionError("no facet " + name + " in " + report.path("facets"));
    }

    private static double metric(JsonNode facet, String name) {
        for (JsonNode metric : facet.path("metrics")) {
            if (metric.path("name").asString().equals(name)) {
                return metric.path("value").asDouble();
            }
        }
        throw new AssertionError("no metric " + name + " in " + facet);
    }
}
