package com.example.credit.testsupport.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Guards the golden bundle: its files are the ones its index names, LightGBM on its model.txt gives exactly the
 * stored answers again, and its model.json records the metrics of those answers. A bundle edited by hand, or
 * half regenerated, fails here (training-service's StatlogTrainingTests catches a bundle that training no longer
 * makes).
 */
class GoldenBundleTests {

    private static JsonNode manifest;
    private static LightGbmReference lightGbm;

    @BeforeAll
    static void askLightGbm() throws Exception {
        String modelJson = new String(GoldenBundle.bytes("model/model.json"), StandardCharsets.UTF_8);
        manifest = JsonMapper.shared().readTree(modelJson);
        lightGbm = LightGbmReference.compute(modelJson, GoldenBundle.modelText(), GoldenBundle.testApplications());
    }

    @Test
    void listsEveryFileWithTheDigestOfItsContent() {
        assertThat(GoldenBundle.digests().keySet())
                .containsExactlyInAnyOrder(
                        "model/model.txt",
                        "model/model.json",
                        "model/data.schema.json",
                        "model/label.schema.json",
                        "model/background.jsonl",
                        "model/approved.jsonl",
                        GoldenBundle.DATA_TEST_FILE,
                        GoldenBundle.LABEL_TEST_FILE,
                        GoldenBundle.LIGHTGBM_FILE);
        // bytes() checks each file against its digest.
        GoldenBundle.digests().keySet().forEach(file -> assertThat(GoldenBundle.bytes(file))
                .isNotEmpty());
    }

    @Test
    void lightGbmOnModelTxtGivesTheStoredContributionsBitForBit() {
        double[][] stored = GoldenBundle.lightGbmContributions();

        assertThat(stored).hasNumberOfRows(200);
        for (int r = 0; r < stored.length; r++) {
            assertThat(stored[r]).as("row %d", r).containsExactly(lightGbm.contributions()[r]);
        }
    }

    @Test
    void lightGbmOnModelTxtGivesTheStoredPredictionsBitForBit() {
        assertThat(GoldenBundle.lightGbmPredictions()).containsExactly(lightGbm.predictions());
    }

    @Test
    void storedContributionsAddUpToTheLogOddsOfTheStoredPrediction() {
        double[] predictions = GoldenBundle.lightGbmPredictions();
        double[][] contributions = GoldenBundle.lightGbmContributions();

        for (int r = 0; r < predictions.length; r++) {
            double raw = 0;
            for (double value : contributions[r]) {
                raw += value;
            }
            assertThat(1 / (1 + Math.exp(-raw))).as("row %d", r).isCloseTo(predictions[r], within(1e-12));
        }
    }

    @Test
    void modelJsonRecordsTheTestAucAndLogLossOfTheStoredPredictions() {
        double[] predictions = GoldenBundle.lightGbmPredictions();
        List<GoldenRow> rows = GoldenBundle.testRows();

        // Computed here from scratch (every defaulted/repaid pair; the mean log loss), not with credit-core.
        double pairs = 0;
        double ordered = 0;
        double logLoss = 0;
        for (int i = 0; i < rows.size(); i++) {
            logLoss -= Math.log(rows.get(i).defaulted() ? predictions[i] : 1 - predictions[i]) / rows.size();
            for (int j = 0; j < rows.size(); j++) {
                if (rows.get(i).defaulted() && !rows.get(j).defaulted()) {
                    pairs++;
                    ordered += predictions[i] > predictions[j] ? 1 : predictions[i] == predictions[j] ? 0.5 : 0;
                }
            }
        }
        assertThat(manifest.path("metrics").path("test_auc").asDouble()).isCloseTo(ordered / pairs, within(1e-12));
        assertThat(manifest.path("metrics").path("test_log_loss").asDouble()).isCloseTo(logLoss, within(1e-12));
    }

    @Test
    void modelJsonDescribesTheDefaultTrainingOnTheStatlogFixture() {
        assertThat(manifest.path("format_version").asInt()).isEqualTo(1);
        assertThat(manifest.path("model_file").asString()).isEqualTo("model.txt");
        assertThat(manifest.path("objective").asString()).isEqualTo("binary");
        assertThat(manifest.path("label").asString()).isEqualTo("credit__default");
        JsonNode data = manifest.path("training_data");
        assertThat(data.path("rows_train").asInt()).isEqualTo(800);
        assertThat(data.path("rows_test").asInt())
                .isEqualTo(GoldenBundle.testRows().size());
        assertThat(data.path("sha256").asString()).matches("[0-9a-f]{64}");
        JsonNode hyperparameters = manifest.path("hyperparameters");
        assertThat(hyperparameters.path("seed").asInt()).isEqualTo(42);
        assertThat(hyperparameters.path("tree-n-estimators").asInt()).isEqualTo(1000);
        assertThat(hyperparameters.path("cv-splits").asInt()).isEqualTo(5);
        assertThat(hyperparameters.path("monotone-constraints").asString()).isEqualTo("on");
        // Early stopping chose the rounds: model.txt holds exactly that many trees.
        int rounds = manifest.path("metrics").path("boosting_rounds").asInt();
        assertThat(rounds).isBetween(1, 999);
        assertThat(GoldenBundle.modelText())
                .containsOnlyOnce("Tree=" + (rounds - 1) + "\n")
                .doesNotContain("Tree=" + rounds + "\n")
                .contains("monotone_constraints");
        assertThat(manifest.path("reliability_test").size()).isEqualTo(10);
    }

    @Test
    void modelJsonListsTheReferencePopulationsWithTheRowsAndDigestsOfTheirFiles() {
        JsonNode references = manifest.path("references");

        List<String> names = new ArrayList<>();
        references.forEach(reference -> names.add(reference.path("name").asString()));
        assertThat(names).containsExactly("background", "approved");
        for (JsonNode reference : references) {
            String file = reference.path("file").asString();
            List<String> lines = new String(GoldenBundle.bytes("model/" + file), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            assertThat(reference.path("sha256").asString())
                    .isEqualTo(GoldenBundle.digests().get("model/" + file));
            assertThat(lines).hasSize(reference.path("rows").asInt()).hasSize(200);
            // Model space only: every line holds exactly the 20 features, in model order, and nothing else.
            for (String line : lines) {
                assertThat(JsonMapper.shared().readTree(line).propertyNames())
                        .containsExactlyElementsOf(GoldenBundle.featureNames());
            }
        }
    }

    @Test
    void namesTheSameFeaturesInTheSameOrderInEveryFile() throws IOException {
        List<String> features = GoldenBundle.featureNames();
        String featureLine = GoldenBundle.modelText()
                .lines()
                .filter(line -> line.startsWith("feature_names="))
                .findFirst()
                .orElseThrow();
        List<String> manifestFeatures = new ArrayList<>();
        manifest.path("features")
                .forEach(feature -> manifestFeatures.add(feature.path("name").asString()));
        JsonNode dataSchema = JsonMapper.shared()
                .readTree(Files.readString(GoldenBundle.modelDir().resolve("data.schema.json")));
        JsonNode labelSchema = JsonMapper.shared()
                .readTree(Files.readString(GoldenBundle.modelDir().resolve("label.schema.json")));

        assertThat(features).hasSize(20).doesNotHaveDuplicates();
        assertThat(List.of(featureLine.substring("feature_names=".length()).split(" ")))
                .isEqualTo(features);
        assertThat(manifestFeatures).isEqualTo(features);
        assertThat(lightGbm.featureNames()).isEqualTo(features);
        assertThat(dataSchema.path("properties").propertyNames()).containsExactlyElementsOf(concat("row_id", features));
        assertThat(labelSchema.path("properties").propertyNames()).containsExactly("row_id", "credit__default");
    }

    @Test
    void holdsTheHeldOutRowsWithDistinctIdsAndBothClasses() {
        List<GoldenRow> rows = GoldenBundle.testRows();

        assertThat(rows).hasSize(200);
        assertThat(new HashSet<>(rows.stream().map(GoldenRow::rowId).toList())).hasSize(200);
        assertThat(rows.stream().filter(GoldenRow::defaulted).count()).isEqualTo(60);
        ObjectNode application = rows.get(0).application();
        assertThat(application.has("row_id")).isFalse();
        assertThat(application.propertyNames()).containsExactlyElementsOf(GoldenBundle.featureNames());
        assertThat(rows.get(0).dataLine()).isEqualTo(firstLine(GoldenBundle.DATA_TEST_FILE));
        assertThat(rows.get(0).labelLine()).isEqualTo(firstLine(GoldenBundle.LABEL_TEST_FILE));
    }

    @Test
    void givesEveryCallerFreshApplicationsAndArrays() {
        GoldenBundle.testApplications().get(0).put("credit__amount", -1);
        GoldenBundle.lightGbmContributions()[0][0] = Double.NaN;
        GoldenBundle.lightGbmPredictions()[0] = Double.NaN;

        assertThat(GoldenBundle.testApplications().get(0).get("credit__amount").asInt())
                .isPositive();
        assertThat(GoldenBundle.lightGbmContributions()[0][0]).isNotNaN();
        assertThat(GoldenBundle.lightGbmPredictions()[0]).isNotNaN();
    }

    @Test
    void extractsTheModelDirectoryOnceWithExactlyTheBundledFiles() throws IOException {
        Path directory = GoldenBundle.modelDir();

        assertThat(GoldenBundle.modelDir()).isEqualTo(directory);
        assertThat(directory).startsWith(Path.of("target").toAbsolutePath());
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(GoldenBundle.MODEL_FILES);
        }
        for (String file : GoldenBundle.MODEL_FILES) {
            assertThat(directory.resolve(file)).hasBinaryContent(GoldenBundle.bytes("model/" + file));
        }
    }

    @Test
    void extractsTheModelDirectoryReadableByEveryUserForTheExplainerImagesMount() throws IOException {
        Path directory = GoldenBundle.modelDir();
        assumeTrue(directory.getFileSystem().supportedFileAttributeViews().contains("posix"));

        // The explainer image runs as user 1000, which reads the directory through a bind mount.
        assertThat(Files.getPosixFilePermissions(directory))
                .contains(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
        for (String file : GoldenBundle.MODEL_FILES) {
            assertThat(Files.getPosixFilePermissions(directory.resolve(file)))
                    .as(file)
                    .contains(PosixFilePermission.OTHERS_READ);
        }
    }

    @Test
    void refusesAFileItDoesNotList() {
        assertThatThrownBy(() -> GoldenBundle.bytes("model/model.bin"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the golden bundle has no file model/model.bin; it has ");
    }

    @Test
    void writesTheReferenceAsDoublesThatReadBackExactly() {
        double[] values = {0.1 + 0.2, Math.PI / 3, -1e-300, Math.E};
        LightGbmReference sample = new LightGbmReference(
                List.of("a", "b"), new double[] {values[0]}, new double[][] {{values[1], values[2], values[3]}});

        String csv = GoldenBundleWriter.csv(List.of("r1"), sample);

        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("row_id,prediction,a,b,bias");
        String[] cells = lines.get(1).split(",");
        assertThat(cells[0]).isEqualTo("r1");
        for (int i = 0; i < values.length; i++) {
            assertThat(Double.parseDouble(cells[i + 1])).isEqualTo(values[i]);
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static String firstLine(String file) {
        return new String(GoldenBundle.bytes(file), StandardCharsets.UTF_8)
                .lines()
                .findFirst()
                .orElseThrow();
    }
}
