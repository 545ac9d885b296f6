package com.example.credit.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.manifest.ModelManifestJson;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureKind;
import com.example.credit.training.OptMlFixture;
import com.example.credit.training.model.TrainingMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandContractTests {

    @TempDir
    Path optMl;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int train(Path root) {
        return new TrainCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(root);
    }

    @Test
    void trainsUnderTheSageMakerLayoutAndWritesTheModelFolder() throws IOException {
        OptMlFixture.create(optMl, OptMlFixture.QUICK);

        int exit = train(optMl);

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Path model = optMl.resolve("model");
        try (Stream<Path> files = Files.list(model)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "model.txt",
                            "model.json",
                            "data.schema.json",
                            "label.schema.json",
                            "background.jsonl",
                            "approved.jsonl");
        }
        Path schemas = optMl.resolve("input/data/schemas");
        assertThat(Files.readAllBytes(model.resolve("data.schema.json")))
                .isEqualTo(Files.readAllBytes(schemas.resolve("data.schema.json")));
        assertThat(Files.readAllBytes(model.resolve("label.schema.json")))
                .isEqualTo(Files.readAllBytes(schemas.resolve("label.schema.json")));
        assertThat(optMl.resolve("output/failure")).doesNotExist();
        try (Stream<Path> siblings = Files.list(optMl)) {
            // The staging folder beside model/ is gone once the model is in place.
            assertThat(siblings.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("input", "model", "output");
        }
    }

    @Test
    void writesAManifestDescribingFeaturesHyperparametersMetricsAndData() throws IOException {
        OptMlFixture.create(optMl, Map.of("tree-n-estimators", "\"20\"", "cv-splits", "3", "learning-rate", "0.2"));

        assertThat(train(optMl)).isZero();

        ModelManifest manifest = ModelManifestJson.read(Files.readString(optMl.resolve("model/model.json")));
        FeatureCatalog catalog = FeatureCatalog.standard();
        assertThat(manifest.formatVersion()).isEqualTo(1);
        assertThat(manifest.modelFile()).isEqualTo("model.txt");
        assertThat(manifest.objective()).isEqualTo("binary");
        assertThat(manifest.featureNames()).isEqualTo(catalog.names());
        assertThat(manifest.features()
                        .get(catalog.feature("credit__purpose").index())
                        .categories())
                .isEqualTo(catalog.feature("credit__purpose").categories());
        assertThat(manifest.features()
                        .get(catalog.feature("credit__amount").index())
                        .kind())
                .isEqualTo(FeatureKind.NUMERIC);
        assertThat(manifest.label()).isEqualTo("credit__default");
        assertThat(manifest.hyperparameters())
                .containsEntry("tree-n-estimators", 20L)
                .containsEntry("learning-rate", 0.2)
                .containsEntry("tree-boosting-type", "gbdt")
                .doesNotContainKey("sagemaker_program");
        assertThat(manifest.trainingData().rowsTrain()).isEqualTo(400);
        assertThat(manifest.trainingData().rowsTest()).isEqualTo(100);
        assertThat(manifest.trainingData().sha256()).hasSize(64);
        assertThat(TrainingMetrics.of(manifest).cvSplits()).isEqualTo(3);
        assertThat(TrainingMetrics.of(manifest).testAuc()).isBetween(0.7, 0.95);
        assertThat(manifest.lightgbmVersion()).isEqualTo("4.3.0");
    }

    @Test
    void modelTextNamesTheCatalogueFeaturesAndDeclaresCategoricalOnesNatively() throws IOException {
        OptMlFixture.create(optMl, OptMlFixture.QUICK);

        assertThat(train(optMl)).isZero();

        String modelText = Files.readString(optMl.resolve("model/model.txt"));
        FeatureCatalog catalog = FeatureCatalog.standard();
        assertThat(modelText).contains("feature_names=" + String.join(" ", catalog.names()) + "\n");
        // Native categorical splits are written as decision_type 1 with a cat_threshold section.
        assertThat(modelText).contains("cat_threshold=");
        assertThat(modelText).contains("[categorical_feature: 6,8,9,10,11,15,16,19]");
    }

    @Test
    void printsMetricsInRegexFriendlyLines() {
        OptMlFixture.create(optMl, OptMlFixture.QUICK);

        assertThat(train(optMl)).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .containsPattern("(?m)^train_auc_cv: 0\\.\\d{4} \\(\\+/- 0\\.\\d{4}\\)$")
                .containsPattern("(?m)^train_auc: 0\\.\\d{4}$")
                .containsPattern("(?m)^test_auc: 0\\.\\d{4}$")
                .containsPattern("(?m)^train_log_loss: \\d\\.\\d{4}$")
                .containsPattern("(?m)^test_log_loss: \\d\\.\\d{4}$");
    }

    @Test
    void acceptsTheTrainArgumentSageMakerPassesAndTheRootFromTheEnvironment() {
        OptMlFixture.create(optMl, OptMlFixture.QUICK);

        int exit = new TrainCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"train"}, Map.of(Invocation.ROOT_ENV, optMl.toString()));

        assertThat(exit).isZero();
        assertThat(optMl.resolve("model/model.json")).exists();
    }
}
