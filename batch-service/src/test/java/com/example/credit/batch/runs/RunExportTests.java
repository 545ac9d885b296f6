package com.example.credit.batch.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The export of the hand-made run of {@link HandMadeRun} (ten applicants, labelled). */
class RunExportTests {

    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();
    private static final JsonMapper MAPPER = JsonMapper.shared();
    private static final String RUN = "api/runs/statlog-42";

    @TempDir
    Path temp;

    RunIndex run;
    java.util.Map<String, Boolean> labels;

    @BeforeEach
    void indexRun() throws IOException {
        Path output = Files.createDirectories(temp.resolve("run"));
        labels = HandMadeRun.write(output);
        new RunIndexWriter(CATALOG).write(output, labels);
        run = RunIndex.open(output, CATALOG);
    }

    private String html() {
        return new RunExport(CATALOG).html(run, "statlog-42");
    }

    private JsonNode answers() {
        return ExportFile.snapshot(html()).path("answers");
    }

    @Test
    void answersEveryRequestThePageMakesForTheRunsViews() {
        List<String> expected = new ArrayList<>(List.of("api/runs", RUN + "/summary"));
        // Features shown 5, 10 and all (the schema's 20).
        for (int features : List.of(5, 10, 20)) {
            expected.add(RUN + "/beeswarm?features=" + features + "&points=1000");
        }
        run.summary()
                .path("importance")
                .forEach(item -> expected.add(
                        RUN + "/dependence?feature=" + item.path("feature").asString() + "&points=1000"));
        // Ten applicants: one page, by descending score (row 9 scores highest), and each applicant.
        expected.add(RUN + "/applicants?filter=&sort=score_desc&page=0&size=25");
        IntStream.iterate(9, r -> r >= 0, r -> r - 1)
                .forEach(r -> expected.add(RUN + "/applicants/" + HandMadeRun.rowId(r)));

        JsonNode snapshot = ExportFile.snapshot(html());

        assertThat(snapshot.path("answers").propertyNames()).containsExactlyElementsOf(expected);
        assertThat(snapshot.path("format_version").asInt()).isEqualTo(RunExport.FORMAT_VERSION);
        assertThat(snapshot.path("applicants").path("exported").asInt()).isEqualTo(10);
        assertThat(snapshot.path("applicants").path("row_ids").get(0).asString())
                .isEqualTo(HandMadeRun.rowId(9));
    }

    /** An answer as the page receives it: written as JSON and read back. */
    private static JsonNode tree(Object answer) {
        return MAPPER.readTree(MAPPER.writeValueAsString(answer));
    }

    @Test
    void holdsTheAnswersOfTheApisViews() {
        RunViews views = new RunViews(CATALOG);

        JsonNode answers = answers();

        assertThat(answers.path(RUN + "/summary")).isEqualTo(tree(views.summary(run, "statlog-42")));
        assertThat(answers.path(RUN + "/summary").has("files")).isFalse();
        assertThat(answers.path(RUN + "/applicants?filter=&sort=score_desc&page=0&size=25"))
                .isEqualTo(tree(views.applicants(run, "", "score_desc", 0, 25)));
        assertThat(answers.path(RUN + "/applicants/" + HandMadeRun.rowId(7)))
                .isEqualTo(tree(views.applicant(run, HandMadeRun.rowId(7))));
        assertThat(answers.path(RUN + "/beeswarm?features=10&points=1000"))
                .isEqualTo(tree(views.beeswarm(run, 10, 1000)));
        assertThat(answers.path("api/runs").get(0).toString())
                .isEqualTo("{\"id\":\"statlog-42\",\"indexed\":true,\"labelled\":true,\"protected\":false}");
    }

    @Test
    void inlinesTheStyleSheetTheChartingLibraryTheSnapshotAndTheScriptInTheDashboardsPage() {
        String html = html();

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .doesNotContain("<script src", "<link rel=\"stylesheet\"", "href=\"dashboard.css\"")
                .contains("<style>\n/* The explainer page's look", "id=\"chart-calibration\"", "function api(path)");
        // ECharts, the snapshot and dashboard.js: three script elements, the snapshot before the script that reads it.
        assertThat(html.split("</script>", -1)).hasSize(4);
        // (ECharts itself holds the text "</body>": the page's own is the last.)
        assertThat(html.indexOf("id=\"dashboard-export\"")).isLessThan(html.indexOf("function api(path)"));
        assertThat(html.indexOf("function api(path)")).isLessThan(html.lastIndexOf("</body>"));
        assertThat(html).endsWith("</script>\n</body>\n</html>\n");
    }

    @Test
    void writesTheSameBytesForTheSameRun() throws IOException {
        String first = html();
        // Indexed again from the same files: the same index, the same export.
        new RunIndexWriter(CATALOG).write(temp.resolve("run"), labels);
        run = RunIndex.open(temp.resolve("run"), CATALOG);

        assertThat(html()).isEqualTo(first);
    }

    @Test
    void escapesTheSnapshotSoThatNothingInItEndsOrEscapesItsScriptElement() {
        String json = MAPPER.writeValueAsString(
                java.util.Map.of("reason", "</script><script>alert(1)</script><!-- a & b > c \u2028"));

        String safe = RunExport.scriptSafe(json);

        assertThat(safe).doesNotContain("<", ">", "&", "\u2028");
        assertThat(MAPPER.readTree(safe)).isEqualTo(MAPPER.readTree(json));
    }
}
