package com.example.credit.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.core.calibration.ProbabilityCalibration;
import com.example.credit.core.metrics.ReliabilityBin;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelManifestJsonTests {

    private final FeatureCatalog catalog = FeatureCatalog.standard();

    private ModelManifest manifest() {
        return new ModelManifest(
                1,
                "model.txt",
                "binary",
                ModelManifest.featuresOf(catalog),
                FeatureCatalog.LABEL,
                Map.of("tree-n-estimators", 100L, "learning-rate", 0.1, "tree-boosting-type", "gbdt"),
                Map.of("test_auc", 0.77, "train_auc", 0.91),
                new TrainingData(800, 200, "ab".repeat(32)),
                "4.3.0",
                List.of(
                        new ReliabilityBin(0.0, 0.5, 150, 0.21, 0.2),
                        new ReliabilityBin(0.5, 1.0, 0, Double.NaN, Double.NaN)),
                new ProbabilityCalibration.Isotonic(new double[] {-1.5, 0.25}, new double[] {0.1, 0.6}));
    }

    @Test
    void readsBackWhatItWrites() {
        assertThat(ModelManifestJson.read(ModelManifestJson.write(manifest()))).isEqualTo(manifest());
    }

    @Test
    void writesTheSameBytesForTheSameManifest() {
        assertThat(ModelManifestJson.write(manifest())).isEqualTo(ModelManifestJson.write(manifest()));
        assertThat(ModelManifestJson.write(manifest()))
                .startsWith("{\n  \"format_version\" : 1,")
                .contains("\"kind\" : \"categorical\"");
    }

    @Test
    void writesEmptyReliabilityBinsWithNullMeansAndReadsAManifestWithoutATable() {
        String json = ModelManifestJson.write(manifest());
        assertThat(json).contains("\"count\" : 0,", "\"mean_predicted\" : null", "\"observed_rate\" : null");
        assertThat(json).doesNotContain("NaN");

        String older = json.substring(0, json.indexOf(",\n  \"calibration\"")) + "\n}\n";
        assertThat(ModelManifestJson.read(older).reliability()).isEmpty();
        assertThat(ModelManifestJson.read(older).calibration()).isEqualTo(new ProbabilityCalibration.None());
    }

    @Test
    void writesAndReadsEachCalibrationMethodAndNamesAnUnknownOne() {
        String json = ModelManifestJson.write(manifest());
        assertThat(json).contains("\"method\" : \"isotonic\"", "\"scores\" : [ -1.5, 0.25 ]");
        ModelManifest platt = new ModelManifest(
                1,
                "model.txt",
                "binary",
                ModelManifest.featuresOf(catalog),
                FeatureCatalog.LABEL,
                Map.of(),
                Map.of(),
                new TrainingData(1, 1, "00"),
                "4.3.0",
                List.of(),
                new ProbabilityCalibration.Platt(0.9, -0.2));
        assertThat(ModelManifestJson.read(ModelManifestJson.write(platt))).isEqualTo(platt);

        String unknown = json.replace("\"method\" : \"isotonic\"", "\"method\" : \"beta\"");
        assertThatThrownBy(() -> ModelManifestJson.read(unknown))
                .isInstanceOf(ManifestException.class)
                .hasMessage("calibration method 'beta' in model manifest is not one of [none, platt, isotonic]");
    }

    @Test
    void refusesAManifestOfANewerFormat() {
        String newer = ModelManifestJson.write(manifest()).replace("\"format_version\" : 1", "\"format_version\" : 3");
        assertThatThrownBy(() -> ModelManifestJson.read(newer))
                .isInstanceOf(ManifestException.class)
                .hasMessage("unknown model manifest format 3, this build reads up to 2");
    }

    @Test
    void namesAMissingField() {
        String broken = ModelManifestJson.write(manifest()).replace("\"model_file\"", "\"file\"");
        assertThatThrownBy(() -> ModelManifestJson.read(broken))
                .isInstanceOf(ManifestException.class)
                .hasMessage("model manifest field 'model_file' must be a non-empty string");
    }

    @Test
    void acceptsTheCatalogueItWasWrittenFrom() {
        manifest().requireCompatibleWith(catalog);
    }

    @Test
    void refusesACatalogueWhoseCodeTablesDiffer() {
        List<ManifestFeature> features = new ArrayList<>(ModelManifest.featuresOf(catalog));
        int purpose = catalog.feature("credit__purpose").index();
        features.set(
                purpose,
                new ManifestFeature(
                        "credit__purpose", purpose, FeatureKind.CATEGORICAL, List.of("used_car", "new_car")));
        ModelManifest other = new ModelManifest(
                1,
                "model.txt",
                "binary",
                features,
                FeatureCatalog.LABEL,
                Map.of(),
                Map.of(),
                new TrainingData(1, 1, "00"),
                "4.3.0",
                List.of(),
                new ProbabilityCalibration.None());

        assertThatThrownBy(() -> other.requireCompatibleWith(catalog))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("feature credit__purpose was trained as CATEGORICAL [used_car, new_car]");
    }

    @Test
    void refusesFeaturesListedOutOfModelOrder() {
        List<ManifestFeature> features = new ArrayList<>(ModelManifest.featuresOf(catalog));
        java.util.Collections.swap(features, 0, 1);

        assertThatThrownBy(() -> new ModelManifest(
                        1,
                        "model.txt",
                        "binary",
                        features,
                        FeatureCatalog.LABEL,
                        Map.of(),
                        Map.of(),
                        new TrainingData(1, 1, "00"),
                        "4.3.0",
                        List.of(),
                        new ProbabilityCalibration.None()))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("features must be listed in model order");
    }

    private ModelManifest withReferences(List<ReferenceSet> references) {
        ModelManifest base = manifest();
        return new ModelManifest(
                base.formatVersion(),
                base.modelFile(),
                base.objective(),
                base.features(),
                base.label(),
                base.hyperparameters(),
                base.metrics(),
                base.trainingData(),
                base.lightgbmVersion(),
                base.reliability(),
                base.calibration(),
                references);
    }

    private static ReferenceSet reference(String name, String file) {
        return new ReferenceSet(name, file, "a sample of the training rows", 200, "0f".repeat(32));
    }

    @Test
    void writesAndReadsTheReferenceSetsInTheirOrder() {
        ModelManifest manifest = withReferences(
                List.of(reference("background", "background.jsonl"), reference("approved", "approved.jsonl")));

        String json = ModelManifestJson.write(manifest);

        assertThat(json)
                .contains("\"references\" : [ {\n    \"name\" : \"background\",\n    \"file\" : \"background.jsonl\"");
        assertThat(ModelManifestJson.read(json)).isEqualTo(manifest);
        assertThat(ModelManifestJson.read(json).referenceNames()).containsExactly("background", "approved");
        assertThat(ModelManifestJson.read(json).reference("approved"))
                .hasValueSatisfying(r -> assertThat(r.rows()).isEqualTo(200));
        assertThat(ModelManifestJson.read(json).reference("declined")).isEmpty();
    }

    @Test
    void leavesTheReferencesOutOfAManifestWithoutAnySoItsBytesStayAsBefore() {
        String json = ModelManifestJson.write(manifest());

        assertThat(json).doesNotContain("references");
        assertThat(ModelManifestJson.read(json).references()).isEmpty();
    }

    @Test
    void refusesAReferenceSetWhoseFileLeavesTheModelFolderOrIsListedTwice() {
        assertThatThrownBy(() -> reference("background", "../data_train/part-00000.jsonl"))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("reference set background has file '../data_train/part-00000.jsonl': it must"
                        + " be a plain file name in the model folder ending in .jsonl");
        assertThatThrownBy(() ->
                        withReferences(List.of(reference("background", "a.jsonl"), reference("background", "b.jsonl"))))
                .isInstanceOf(ManifestException.class)
                .hasMessage("reference set background is listed twice; names are unique");
        assertThatThrownBy(() ->
                        withReferences(List.of(reference("background", "a.jsonl"), reference("approved", "a.jsonl"))))
                .isInstanceOf(ManifestException.class)
                .hasMessage("reference set approved has the file a.jsonl, which another file of the model folder"
                        + " already has");
    }

    @Test
    void namesTheRuleABadReferenceEntryBreaks() {
        String json = ModelManifestJson.write(withReferences(List.of(reference("background", "background.jsonl"))));

        assertThatThrownBy(() -> ModelManifestJson.read(json.replace("\"rows\" : 200", "\"rows\" : 0")))
                .isInstanceOf(ManifestException.class)
                .hasMessage("reference set background has 0 rows, it needs at least 1");
        assertThatThrownBy(() ->
                        ModelManifestJson.read(json.replace("\"name\" : \"background\"", "\"name\" : \"Back ground\"")))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("reference set name 'Back ground' is invalid");
        assertThatThrownBy(() -> ModelManifestJson.read(json.replace("0f".repeat(32), "0F")))
                .isInstanceOf(ManifestException.class)
                .hasMessage("reference set background has sha256 '0F', it must be 64 lower-case hex digits");
    }
}
