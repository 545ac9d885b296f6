package com.example.credit.training;

import static com.example.credit.training.TrainingFailures.hasReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.core.calibration.ProbabilityCalibration;
import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.manifest.ModelManifestJson;
import com.example.credit.core.manifest.ReferenceRows;
import com.example.credit.core.manifest.ReferenceSet;
import com.example.credit.core.metrics.BinaryMetrics;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
import com.example.credit.training.TrainingException.Reason;
import com.example.credit.training.config.Hyperparameters;
import com.example.credit.training.data.ChannelLayout;
import com.example.credit.training.model.TrainingMetrics;
import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TrainingJobTests {

    @TempDir
    Path temp;

    private ModelManifest train(Path prepared, Path model) {
        return new TrainingJob(FeatureCatalog.standard(), line -> {})
                .run(new TrainingRequest(
                        new ChannelLayout(prepared), model, Hyperparameters.parse(OptMlFixture.QUICK)));
    }

    @Test
    void writesTheReferencePopulationsBesideTheModelAndListsThemWithRowsAndDigests() throws Exception {
        Path prepared = PreparedDataFixture.write(temp.resolve("prepared"));
        Path model = temp.resolve("model");

        ModelManifest manifest = train(prepared, model);

        assertThat(manifest.referenceNames()).containsExactly("background", "approved");
        for (ReferenceSet reference : manifest.references()) {
            byte[] content = Files.readAllBytes(model.resolve(reference.file()));
            assertThat(reference.sha256()).isEqualTo(ReferenceSet.sha256(content));
            assertThat(ReferenceRows.read(reference, content, manifest.features()))
                    .hasNumberOfRows(200);
            assertThat(new String(content, StandardCharsets.UTF_8)).doesNotContain("row_id");
        }
        assertThat(ModelManifestJson.read(Files.readString(model.resolve("model.json")))
                        .references())
                .isEqualTo(manifest.references());
    }

    @Test
    void writesABackgroundOfTheConfiguredSizeAndNoNamedSetWhenToldNone() throws Exception {
        Path prepared = PreparedDataFixture.write(temp.resolve("prepared"));
        Path model = temp.resolve("model");
        Map<String, String> hyperparameters = new HashMap<>(OptMlFixture.QUICK);
        hyperparameters.put("background-rows", "50");
        hyperparameters.put("reference-sets", "none");

        ModelManifest manifest = new TrainingJob(FeatureCatalog.standard(), line -> {})
                .run(new TrainingRequest(new ChannelLayout(prepared), model, Hyperparameters.parse(hyperparameters)));

        assertThat(manifest.references()).singleElement().satisfies(reference -> {
            assertThat(reference.name()).isEqualTo("background");
            assertThat(reference.rows()).isEqualTo(50);
        });
        assertThat(model.resolve("approved.jsonl")).doesNotExist();
        assertThat(manifest.hyperparameters()).containsEntry("background-rows", 50L);
    }

    @Test
    void recordsATestAucThatLightGbmReproducesFromTheSavedModel() throws Exception {
        Path prepared = PreparedDataFixture.write(temp.resolve("prepared"));
        Path model = temp.resolve("model");

        ModelManifest manifest = train(prepared, model);

        // Score the raw test rows with the saved model.txt, joined to the labels by row_id.
        Map<String, Boolean> labels = new HashMap<>();
        readLines(prepared.resolve("label_test"))
                .forEach(row -> labels.put(
                        row.get("row_id").asString(), row.get("credit__default").asBoolean()));
        List<JsonNode> rows = readLines(prepared.resolve("data_test"));
        FeatureEncoder encoder = new FeatureEncoder(FeatureCatalog.standard());
        int columns = FeatureCatalog.standard().size();
        double[] matrix = new double[rows.size() * columns];
        boolean[] outcomes = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(encoder.encode(rows.get(i)), 0, matrix, i * columns, columns);
            outcomes[i] = labels.get(rows.get(i).get("row_id").asString());
        }
        double[] probabilities;
        try (LGBMBooster booster = LGBMBooster.loadModelFromString(Files.readString(model.resolve("model.txt")))) {
            probabilities = booster.predictForMat(
                    matrix, rows.size(), columns, true, PredictionType.C_API_PREDICT_NORMAL, "num_threads=1");
        }

        assertThat(BinaryMetrics.auc(probabilities, outcomes))
                .isCloseTo(TrainingMetrics.of(manifest).testAuc(), within(1e-12));
        assertThat(BinaryMetrics.logLoss(probabilities, outcomes))
                .isCloseTo(TrainingMetrics.of(manifest).testLogLoss(), within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gbdt", "dart", "goss", "rf"})
    void trainsWithEveryBoostingType(String boostingType) throws IOException {
        Path prepared = PreparedDataFixture.write(temp.resolve("prepared"));
        Map<String, String> hyperparameters = new HashMap<>(OptMlFixture.QUICK);
        hyperparameters.put("tree-boosting-type", boostingType);
        if (boostingType.equals("rf")) {
            hyperparameters.put("bagging-freq", "1");
            hyperparameters.put("bagging-fraction", "0.8");
        }

        ModelManifest manifest = new TrainingJob(FeatureCatalog.standard(), line -> {})
                .run(new TrainingRequest(
                        new ChannelLayout(prepared), temp.resolve("model"), Hyperparameters.parse(hyperparameters)));

        assertThat(TrainingMetrics.of(manifest).testAuc()).isGreaterThan(0.7);
        String modelText = Files.readString(temp.resolve("model/model.txt"));
        if (boostingType.equals("goss")) {
            assertThat(modelText).contains("[boosting: gbdt]").contains("[data_sample_strategy: goss]");
        } else {
            assertThat(modelText).contains("[boosting: " + boostingType + "]");
        }
    }

    @Test
    void readsGzippedPartFilesLikePlainOnes() throws IOException {
        Path prepared = PreparedDataFixture.write(temp.resolve("prepared"));
        train(prepared, temp.resolve("plain"));
        String plain = Files.readString(temp.resolve("plain/model.txt"));
        Path part = prepared.resolve("data_train/part-00001.json");
        try (OutputStream out =
                new GZIPOutputStream(Files.newOutputStream(part.resolveSibling("part-00001.json.gz")))) {
            out.write(Files.readAllBytes(part));
        }
        Files.delete(part);

        train(prepared, temp.resolve("gzipped"));

        assertThat(Files.readString(temp.resolve("gzipped/model.txt"))).isEqualTo(plain);
    }

    @Test
    void rejectsRowsThatAppearInBothTrainAndTest() throws IOException {
        Path prepared = PreparedDataFixture.write(temp.resolve("prepared"));
        Path part = prepared.resolve("data_test/part-00000.json");
        String trainRow = Files.readAllLines(prepared.resolve("data_train/part-00000.json"))
                .get(0);
        String trainLabel = Files.readAllLines(prepared.resolve("label_train/part-00000.json"))
                .get(0);
        Files.writeString(part, Files.readString(part) + trainRow + "\n");
        Path labels = prepared.resolve("label_test/part-00000.json");
        Files.writeString(labels, Files.readString(labels) + trainLabel + "\n");

        assertThatThrownBy(() -> train(prepared, temp.resolve("model")))
                .isInstanceOfSatisfying(TrainingException.class, hasReason(Reason.CHANNEL_DATA))
                .hasMessageStartingWith("1 row id(s) appear in both data_train and data_test (for example row_id ");
        assertThat(temp.resolve("model")).doesNotExist();
    }

    @Test
    void rejectsATrainingSetWithOneClassOnly() throws IOException {
        Path prepared = PreparedDataFixture.write(temp.resolve("prepared"));
        for (String part : List.of("part-00000.json", "part-00001.json")) {
            Path file = prepared.resolve("label_train").resolve(part);
            Files.writeString(file, Files.readString(file).replace("true", "false"));
        }

        assertThatThrownBy(() -> train(prepared, temp.resolve("model")))
                .isInstanceOfSatisfying(TrainingException.class, hasReason(Reason.CHANNEL_DATA))
                .hasMessage("channel label_train holds only false labels (400 rows); the AUC needs both defaulted"
                        + " and repaid credits");
    }

    @Test
    void crossValidatesWithTheSplitGroupsOfTheGroupsChannelAndRefusesOneThatMissesARow() throws IOException {
        Path prepared = PreparedDataFixture.write(temp.resolve("prepared"));
        List<String> ids = readLines(prepared.resolve(Channel.LABEL_TRAIN.folder())).stream()
                .map(row -> row.get("row_id").asString())
                .toList();
        StringBuilder groups = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            groups.append("{\"row_id\":\"")
                    .append(ids.get(i))
                    .append("\",\"group\":\"derived-from-")
                    .append(i / 4)
                    .append("\"}\n");
        }
        Path channel = Files.createDirectories(prepared.resolve(Channel.GROUPS_TRAIN.folder()));
        Files.writeString(channel.resolve("part-00000.json"), groups);
        List<String> log = new ArrayList<>();

        new TrainingJob(FeatureCatalog.standard(), log::add)
                .run(new TrainingRequest(
                        new ChannelLayout(prepared), temp.resolve("model"), Hyperparameters.parse(OptMlFixture.QUICK)));

        assertThat(log)
                .contains("cross-validation keeps " + (ids.size() + 3) / 4
                        + " split groups of near-duplicates whole (groups_train)");

        Files.writeString(channel.resolve("part-00000.json"), groups.substring(groups.indexOf("\n") + 1));
        assertThatThrownBy(() -> train(prepared, temp.resolve("model-2")))
                .isInstanceOfSatisfying(TrainingException.class, hasReason(Reason.CHANNEL_DATA))
                .hasMessage("row id mismatch: groups_train has 1 training row(s) without a group (for example row_id "
                        + ids.get(0) + ") and 0 group(s) of unknown rows");
    }

    @Test
    void fitsTheChosenCalibrationOnOutOfFoldPredictionsAndReportsTheTestFiguresOfTheCalibratedProbabilities()
            throws Exception {
        Path prepared = PreparedDataFixture.write(temp.resolve("prepared"));
        Map<String, ModelManifest> manifests = new HashMap<>();
        for (String method : List.of("none", "platt", "isotonic")) {
            Map<String, String> hyperparameters = new HashMap<>(OptMlFixture.QUICK);
            hyperparameters.put("calibration", method);
            manifests.put(
                    method,
                    new TrainingJob(FeatureCatalog.standard(), line -> {})
                            .run(new TrainingRequest(
                                    new ChannelLayout(prepared),
                                    temp.resolve("model-" + method),
                                    Hyperparameters.parse(hyperparameters))));
        }

        assertThat(manifests.get("none").calibration()).isEqualTo(new ProbabilityCalibration.None());
        assertThat(manifests.get("none").metrics()).doesNotContainKey("test_brier_uncalibrated");
        assertThat(manifests.get("platt").calibration()).isInstanceOf(ProbabilityCalibration.Platt.class);
        assertThat(manifests.get("isotonic").calibration()).isInstanceOf(ProbabilityCalibration.Isotonic.class);
        for (String method : List.of("platt", "isotonic")) {
            ModelManifest manifest = manifests.get(method);
            // The model is the same; only the probabilities it is judged by change.
            assertThat(Files.readString(temp.resolve("model-" + method + "/model.txt")))
                    .isEqualTo(Files.readString(temp.resolve("model-none/model.txt")));
            assertThat(manifest.metrics().get("test_brier_uncalibrated"))
                    .isEqualTo(manifests.get("none").metrics().get("test_brier"));
            assertThat(manifest.metrics().get("test_auc"))
                    .isEqualTo(manifests.get("none").metrics().get("test_auc"));
            // The recorded test Brier score is that of the calibrated probabilities of LightGBM's own predictions.
            LightGbmModel model = LightGbmModel.read(temp.resolve("model-" + method + "/model.txt"));
            List<JsonNode> data = readLines(prepared.resolve(Channel.DATA_TEST.folder()));
            Map<String, Boolean> labels = new HashMap<>();
            readLines(prepared.resolve(Channel.LABEL_TEST.folder()))
                    .forEach(row -> labels.put(
                            row.get("row_id").asString(),
                            row.get("credit__default").asBoolean()));
            FeatureEncoder encoder = new FeatureEncoder(FeatureCatalog.standard());
            double brier = 0;
            for (JsonNode row : data) {
                double p = manifest.calibration().probability(model.predictRaw(encoder.encode(row)));
                double y = labels.get(row.get("row_id").asString()) ? 1 : 0;
                brier += (p - y) * (p - y);
            }
            assertThat(manifest.metrics().get("test_brier")).isCloseTo(brier / data.size(), within(1e-9));
        }
    }

    @Test
    void rejectsARowIdGivenTwice() throws IOException {
        Path prepared = PreparedDataFixture.write(temp.resolve("prepared"));
        Path part = prepared.resolve("data_train/part-00000.json");
        String first = Files.readAllLines(part).get(0);
        Files.writeString(part, Files.readString(part) + first + "\n");

        assertThatThrownBy(() -> train(prepared, temp.resolve("model")))
                .isInstanceOfSatisfying(TrainingException.class, hasReason(Reason.CHANNEL_DATA))
                .hasMessageStartingWith("data_train/part-00000.json line 201: row_id ")
                .hasMessageEndingWith(" appears more than once in data_train");
    }

    private static List<JsonNode> readLines(Path channel) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (Path part : new ChannelLayout(channel.getParent())
                .partFiles(Channel.valueOf(channel.getFileName().toString().toUpperCase(Locale.ROOT)))) {
            for (String line : Files.readAllLines(part)) {
                rows.add(JsonMapper.shared().readTree(line));
            }
        }
        return rows;
    }
}
