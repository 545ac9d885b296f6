package com.example.credit.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.core.schema.FeatureCatalog;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReferenceRowsTests {

    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();
    private static final List<ManifestFeature> FEATURES = ModelManifest.featuresOf(CATALOG);

    /** Rows with every feature inside its range: category codes, whole and fractional numbers, some missing. */
    private static double[][] rows(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[count][FEATURES.size()];
        for (double[] row : rows) {
            for (ManifestFeature feature : FEATURES) {
                double value = feature.categories().isEmpty()
                        ? (random.nextBoolean() ? random.nextInt(100) : random.nextDouble() * 1000)
                        : random.nextInt(feature.categories().size());
                row[feature.index()] = random.nextInt(10) == 0 ? Double.NaN : value;
            }
        }
        return rows;
    }

    private static ReferenceSet set(byte[] content, int rows) {
        return ReferenceSet.of("background", "background.jsonl", "test rows", rows, content);
    }

    @Test
    void readsBackEveryValueBitForBitWithMissingValuesAsNaN() {
        double[][] rows = rows(50, 1);

        byte[] content = ReferenceRows.write(FEATURES, rows);
        double[][] read = ReferenceRows.read(set(content, 50), content, FEATURES);

        assertThat(read).hasNumberOfRows(50);
        for (int r = 0; r < rows.length; r++) {
            for (int f = 0; f < FEATURES.size(); f++) {
                assertThat(Double.doubleToLongBits(read[r][f]))
                        .as("row %d feature %d", r, f)
                        .isEqualTo(Double.doubleToLongBits(rows[r][f]));
            }
        }
    }

    @Test
    void writesOneObjectALineWithTheFeaturesByNameInModelOrderAndNothingElse() {
        double[] row = new double[FEATURES.size()];
        Arrays.fill(row, 1);
        row[CATALOG.feature("credit__amount").index()] = 5951;
        row[CATALOG.feature("residence__duration").index()] = Double.NaN;
        row[CATALOG.feature("employment__duration").index()] = 2.5;

        String text = new String(ReferenceRows.write(FEATURES, new double[][] {row, row}), StandardCharsets.UTF_8);

        assertThat(text.lines()).hasSize(2);
        assertThat(text).endsWith("}\n").doesNotContain("row_id", "credit__default");
        String line = text.lines().findFirst().orElseThrow();
        assertThat(line).startsWith("{\"" + FEATURES.get(0).name() + "\":1,");
        assertThat(line).contains("\"credit__amount\":5951,", "\"residence__duration\":null", "2.5");
        for (int f = 1; f < FEATURES.size(); f++) {
            assertThat(line.indexOf("\"" + FEATURES.get(f).name() + "\""))
                    .isGreaterThan(line.indexOf("\"" + FEATURES.get(f - 1).name() + "\""));
        }
    }

    @Test
    void writesTheSameBytesForTheSameRows() {
        assertThat(ReferenceRows.write(FEATURES, rows(20, 7))).isEqualTo(ReferenceRows.write(FEATURES, rows(20, 7)));
    }

    @Test
    void refusesAFileThatChangedAfterTraining() {
        byte[] content = ReferenceRows.write(FEATURES, rows(3, 2));
        ReferenceSet set = set(content, 3);
        byte[] changed = content.clone();
        changed[changed.length - 3] = (byte) (changed[changed.length - 3] == '1' ? '2' : '1');

        assertThatThrownBy(() -> ReferenceRows.read(set, changed, FEATURES))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("reference file background.jsonl has SHA-256 ")
                .hasMessageEndingWith("for reference set background: the file changed after training");
    }

    @Test
    void refusesAFileWithAnotherNumberOfRowsThanTheManifestLists() {
        byte[] content = ReferenceRows.write(FEATURES, rows(3, 2));

        assertThatThrownBy(() -> ReferenceRows.read(set(content, 4), content, FEATURES))
                .isInstanceOf(ManifestException.class)
                .hasMessage("reference file background.jsonl has 3 rows, model.json lists 4 for reference set"
                        + " background");
    }

    @Test
    void namesTheLineAndTheFeatureOfARowTheModelCannotSee() {
        String good = new String(ReferenceRows.write(FEATURES, rows(2, 3)), StandardCharsets.UTF_8);
        String secondLine = good.lines().toList().get(1);
        String purpose = "\"credit__purpose\":";
        int at = secondLine.indexOf(purpose) + purpose.length();
        String rest = secondLine.substring(secondLine.indexOf(',', at));
        String badCode = good.replace(secondLine, secondLine.substring(0, at) + "17" + rest);
        String text = good.replace(secondLine, secondLine.substring(0, at) + "\"new_car\"" + rest);
        String extra = good.replace(secondLine, secondLine.replace("{", "{\"row_id\":\"0a1b\","));

        assertThatThrownBy(() -> read(badCode))
                .isInstanceOf(ManifestException.class)
                .hasMessage("reference file background.jsonl line 2: feature credit__purpose has the code 17.0, it"
                        + " must be a whole number in [0, 10] (a category's position) or missing");
        assertThatThrownBy(() -> read(extra))
                .isInstanceOf(ManifestException.class)
                .hasMessage("reference file background.jsonl line 2 has 21 fields, a row holds exactly the model's 20"
                        + " features");
        assertThatThrownBy(() -> read(text))
                .isInstanceOf(ManifestException.class)
                .hasMessage("reference file background.jsonl line 2: feature credit__purpose has the value"
                        + " \"new_car\", it must be a number or null");
        assertThatThrownBy(() -> ReferenceRows.write(FEATURES, new double[][] {new double[3]}))
                .isInstanceOf(ManifestException.class)
                .hasMessage("reference row 0 has 3 values, the model 20 features");
    }

    private static double[][] read(String text) {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        return ReferenceRows.read(set(content, (int) text.lines().count()), content, FEATURES);
    }
}
