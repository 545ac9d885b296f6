package com.example.credit.batch.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.batch.report.LabelReader;
import com.example.credit.batch.storage.Location;
import com.example.credit.batch.storage.RunStorage;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The index step and the queries of {@link HandMadeRun} (figures worked out there and in {@link RunIndexTests}),
 * through {@link StoredRuns} on each storage: the same answers whether the run is on the file system or on S3.
 */
abstract class StoredRunContract {

    static final FeatureCatalog CATALOG = FeatureCatalog.standard();

    @TempDir
    Path temp;

    StoredRuns runs;
    Location run;
    Location labels;

    /** The storage under test. */
    abstract RunStorage storage();

    /** Stores a local folder in this storage, under a fresh name ending in {@code name}, and returns its location. */
    abstract Location store(Path folder, String name) throws IOException;

    @BeforeEach
    void storeTheHandMadeRun() throws IOException {
        runs = new StoredRuns(storage(), temp.resolve("cache"), CATALOG);
        HandMadeRun.write(temp.resolve("local/run"));
        HandMadeRun.writeLabels(temp.resolve("local/label_test"));
        run = store(temp.resolve("local/run"), "run");
        labels = store(temp.resolve("local/label_test"), "label_test");
    }

    long index() {
        return runs.index(run, LabelReader.read(storage(), labels, JsonMapper.shared()));
    }

    private static List<String> rows(int... rs) {
        return IntStream.of(rs).mapToObj(HandMadeRun::rowId).toList();
    }

    private List<String> page(String filter, RunIndex.Sort sort) {
        return runs.open(run).applicants(ApplicantFilter.parse(filter, CATALOG), sort, 0, 100).rows().stream()
                .map(RunIndex.Row::rowId)
                .toList();
    }

    @Test
    void indexesTheRunWithItsLabelsAndSummarisesIt() {
        assertThat(runs.indexed(run)).isFalse();

        assertThat(index()).isEqualTo(10);

        assertThat(runs.indexed(run)).isTrue();
        JsonNode summary = runs.open(run).summary();
        assertThat(summary.path("records").asLong()).isEqualTo(10);
        assertThat(summary.path("error_lines").asLong()).isEqualTo(1);
        assertThat(summary.path("labelled").asLong()).isEqualTo(10);
        assertThat(summary.path("auc").asDouble()).isEqualTo(0.64, within(1e-12));
        assertThat(summary.path("importance").get(0).path("mean_abs_phi").asDouble())
                .isEqualTo(0.25, within(1e-6));
        assertThat(summary.path("files").valueStream().map(file -> file.path("path")
                        .asString()))
                .containsExactly("part-00000.json.out", "sub/part-00001.json.out");
    }

    @Test
    void joinsProtectedAttributesStoredBesideTheRunAndFiltersByTheirGroups() throws IOException {
        HandMadeRun.writeProtected(temp.resolve("local/protected_test"));
        Location protectedTest = store(temp.resolve("local/protected_test"), "protected_test");

        runs.index(
                run,
                LabelReader.read(storage(), labels, JsonMapper.shared()),
                ProtectedGroups.read(storage(), protectedTest));

        RunIndex index = runs.open(run);
        assertThat(index.hasProtectedGroups()).isTrue();
        // Nine of the ten applicants have a protected row (not row 4), as in RunIndexTests.
        assertThat(index.summary().path("protected").path("matched").asLong()).isEqualTo(9);
        // Female: rows 0, 2, 6 and 8.
        assertThat(page("protected.personal__gender=female", RunIndex.Sort.ROW_ID))
                .isEqualTo(rows(0, 2, 6, 8));
    }

    @Test
    void findsAnApplicantByRowIdAndReadsItsOwnLine() {
        index();
        RunIndex index = runs.open(run);

        RunIndex.Applicant applicant = index.applicant(HandMadeRun.rowId(7));

        assertThat(applicant.label()).isEqualTo(1);
        assertThat(applicant.record()).isEqualTo(JsonMapper.shared().readTree(HandMadeRun.line(7)));
        assertThat(index.applicant(HandMadeRun.rowId(0)).record())
                .isEqualTo(JsonMapper.shared().readTree(HandMadeRun.line(0)));
        assertThatThrownBy(() -> index.applicant("0000000000000000"))
                .isInstanceOf(UnknownApplicantException.class)
                .hasMessage("run run has no applicant with row_id '0000000000000000'");
    }

    @Test
    void filtersSortsAndPagesTheApplicants() {
        index();

        assertThat(page("label=1", RunIndex.Sort.ROW_ID)).isEqualTo(rows(0, 5, 6, 7, 8));
        assertThat(page("reason=credit__amount", RunIndex.Sort.ROW_ID)).isEqualTo(rows(0, 2, 4, 6, 8));
        assertThat(page("", RunIndex.Sort.SCORE_DESC)).isEqualTo(rows(9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
        RunIndex.Page second = runs.open(run).applicants(ApplicantFilter.ALL, RunIndex.Sort.SCORE_DESC, 1, 4);
        assertThat(second.total()).isEqualTo(10);
        assertThat(second.rows()).extracting(RunIndex.Row::rowId).isEqualTo(rows(5, 4, 3, 2));
    }

    @Test
    void samplesTheDependenceAndDrawsTheSameRandomApplicantForTheSameSeed() {
        index();
        RunIndex index = runs.open(run);

        RunIndex.Dependence dependence = index.dependence("credit__amount", 10);

        assertThat(dependence.rows()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(dependence.colour()).isEqualTo("credit__duration");
        ApplicantFilter defaulted = ApplicantFilter.parse("label=1", CATALOG);
        assertThat(index.random(defaulted, 3)).isEqualTo(index.random(defaulted, 3));
        assertThat(index.random(defaulted, 3).orElseThrow()).isIn(rows(0, 5, 6, 7, 8));
    }

    @Test
    void refusesARepeatedRowIdAndKeepsTheIndexItHad() throws IOException {
        index();
        Path extra = Files.createDirectories(temp.resolve("extra"));
        Files.writeString(extra.resolve("part-00002.json.out"), HandMadeRun.line(3) + "\n");
        addToRun(extra);

        assertThatThrownBy(this::index)
                .isInstanceOf(RunIndexException.class)
                .hasMessage("row_id " + HandMadeRun.rowId(3) + " occurs more than once in the run; row ids are unique");
        assertThat(runs.open(run).rows()).isEqualTo(10);
    }

    /** Adds a local folder's files to the run, beside its own. */
    abstract void addToRun(Path folder) throws IOException;

    @Test
    void saysWhenARunHasNoIndexYet() {
        assertThatThrownBy(() -> runs.open(run))
                .isInstanceOf(RunIndexException.class)
                .hasMessage("run " + run + " has no index: index it first");
    }

    @Test
    void readsTheLabelsFromTheirFolder() {
        Map<String, Boolean> read = LabelReader.read(storage(), labels, JsonMapper.shared());

        assertThat(read)
                .hasSize(10)
                .containsEntry(HandMadeRun.rowId(7), true)
                .containsEntry(HandMadeRun.rowId(9), false);
    }
}
