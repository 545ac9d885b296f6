package com.example.credit.training.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.core.manifest.ManifestFeature;
import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.manifest.ReferenceRows;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.training.data.LabelledRows;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceSamplerTests {

    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();
    private static final List<ManifestFeature> FEATURES = ModelManifest.featuresOf(CATALOG);
    private static final int AMOUNT = CATALOG.feature("credit__amount").index();

    /** {@code count} rows whose credit__amount is the row's position; every third row defaulted. */
    private static LabelledRows rows(int count) {
        List<String> ids = new ArrayList<>();
        double[] matrix = new double[count * FEATURES.size()];
        boolean[] labels = new boolean[count];
        for (int r = 0; r < count; r++) {
            ids.add(String.format("%016x", r));
            matrix[r * FEATURES.size() + AMOUNT] = r;
            labels[r] = r % 3 == 0;
        }
        return new LabelledRows(ids, matrix, labels, FEATURES.size());
    }

    /** The positions of the training rows a reference file holds, read back through its credit__amount. */
    private static int[] positions(ReferenceFile file) {
        return Arrays.stream(ReferenceRows.read(file.set(), file.content(), FEATURES))
                .mapToInt(row -> (int) row[AMOUNT])
                .toArray();
    }

    @Test
    void drawsABackgroundWithTheTrainingDataShareOfDefaults() {
        List<ReferenceFile> files = ReferenceSampler.sample(rows(300), 30, "approved", 42, FEATURES);

        ReferenceFile background = files.get(0);
        assertThat(background.set().name()).isEqualTo("background");
        assertThat(background.set().file()).isEqualTo("background.jsonl");
        assertThat(background.set().rows()).isEqualTo(30);
        assertThat(Arrays.stream(positions(background)).filter(r -> r % 3 == 0))
                .as("a third of the training rows defaulted, so 10 of the 30")
                .hasSize(10);
        assertThat(background.set().description())
                .isEqualTo("a seeded sample of 30 of the 300 training rows, stratified by credit__default (10"
                        + " defaulted, 20 repaid), seed 42");
    }

    @Test
    void drawsTheApprovedSetOnlyFromRowsThatDidNotDefault() {
        ReferenceFile approved =
                ReferenceSampler.sample(rows(300), 30, "approved", 42, FEATURES).get(1);

        assertThat(approved.set().name()).isEqualTo("approved");
        assertThat(approved.set().rows()).isEqualTo(30);
        assertThat(positions(approved)).hasSize(30);
        assertThat(Arrays.stream(positions(approved)).filter(r -> r % 3 == 0)).isEmpty();
        assertThat(approved.set().description())
                .isEqualTo("a seeded sample of 30 of the 200 training rows with credit__default=false, seed 42");
    }

    @Test
    void keepsTheRowsInTrainingOrderWithoutRepeats() {
        for (ReferenceFile file : ReferenceSampler.sample(rows(300), 50, "approved", 42, FEATURES)) {
            int[] positions = positions(file);
            assertThat(positions).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void takesEveryRowWhenThereAreFewerThanTheSampleSize() {
        List<ReferenceFile> files = ReferenceSampler.sample(rows(30), 200, "approved", 42, FEATURES);

        assertThat(positions(files.get(0)))
                .containsExactly(java.util.stream.IntStream.range(0, 30).toArray());
        assertThat(files.get(1).set().rows()).isEqualTo(20);
        assertThat(files.get(1).set().description())
                .isEqualTo("all 20 training rows with credit__default=false, seed 42");
    }

    @Test
    void givesTheSameBytesForTheSameRowsAndSeedAndAnotherSampleForAnotherSeed() {
        List<ReferenceFile> first = ReferenceSampler.sample(rows(300), 30, "approved", 42, FEATURES);
        List<ReferenceFile> again = ReferenceSampler.sample(rows(300), 30, "approved", 42, FEATURES);
        List<ReferenceFile> reseeded = ReferenceSampler.sample(rows(300), 30, "approved", 7, FEATURES);

        for (int i = 0; i < 2; i++) {
            assertThat(again.get(i).content()).isEqualTo(first.get(i).content());
            assertThat(again.get(i).set()).isEqualTo(first.get(i).set());
            assertThat(positions(reseeded.get(i))).isNotEqualTo(positions(first.get(i)));
        }
    }

    @Test
    void drawsTheSameBackgroundWithOrWithoutTheApprovedSet() {
        List<ReferenceFile> both = ReferenceSampler.sample(rows(300), 30, "approved", 42, FEATURES);
        List<ReferenceFile> backgroundOnly = ReferenceSampler.sample(rows(300), 30, "none", 42, FEATURES);

        assertThat(backgroundOnly).hasSize(1);
        assertThat(backgroundOnly.get(0).content()).isEqualTo(both.get(0).content());
    }

    @Test
    void writesModelSpaceFeaturesOnly() {
        String text = new String(
                ReferenceSampler.sample(rows(30), 5, "approved", 42, FEATURES)
                        .get(0)
                        .content(),
                StandardCharsets.UTF_8);

        assertThat(text).doesNotContain("row_id", "credit__default");
        assertThat(text.lines().findFirst().orElseThrow()).startsWith("{\"contact__has_telephone\":0,");
    }
}
