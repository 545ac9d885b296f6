package com.example.credit.explainer.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.core.calibration.ProbabilityCalibration;
import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.manifest.ModelManifestJson;
import com.example.credit.explainer.invocation.EntitySelection;
import com.example.credit.explainer.invocation.InvalidOptionException;
import com.example.credit.explainer.invocation.InvocationOptions;
import com.example.credit.explainer.invocation.InvocationService;
import com.example.credit.explainer.model.ModelLoader;
import com.example.credit.testsupport.golden.GoldenBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A model trained with {@code calibration=platt} (here: the golden model with a Platt calibration in its
 * model.json): the prediction, the probability view and the reasons are on the calibrated scale and say so; the
 * SHAP values stay exactly those of the uncalibrated model and add up to its raw score.
 */
class CalibratedExplanationTests {

    private static final ProbabilityCalibration.Platt PLATT = new ProbabilityCalibration.Platt(0.8, -0.3);

    @TempDir
    Path temp;

    @Test
    void predictionViewAndReasonsUseTheCalibratedProbabilityWhileShapStaysOnTheRawScore() throws IOException {
        JsonNode calibrated = explain(calibratedCopy());
        JsonNode plain = explain(GoldenBundle.modelDir());

        JsonNode shap = calibrated.path("explanation_shap_values");
        double raw = shap.path("raw_score").asDouble();
        assertThat(shap.path("shap_values"))
                .isEqualTo(plain.path("explanation_shap_values").path("shap_values"));
        assertThat(raw)
                .isEqualTo(
                        plain.path("explanation_shap_values").path("raw_score").asDouble());

        double prediction = calibrated.path("prediction").asDouble();
        assertThat(prediction).isCloseTo(PLATT.probability(raw), within(1e-15));
        assertThat(prediction).isNotCloseTo(plain.path("prediction").asDouble(), within(1e-3));

        JsonNode view = shap.path("probability_view");
        assertThat(view.path("calibration").asString()).isEqualTo("platt");
        assertThat(view.path("method").asString()).isEqualTo("secant-scaling/1, platt-calibrated");
        assertThat(view.path("baseline").asDouble())
                .isCloseTo(PLATT.probability(shap.path("expected_value").asDouble()), within(1e-15));
        double sum = 0;
        for (JsonNode contribution : view.path("contributions").values()) {
            sum += contribution.asDouble();
        }
        assertThat(view.path("baseline").asDouble() + sum).isCloseTo(prediction, within(1e-12));

        JsonNode reason = calibrated.path("reasons").path("reasons").get(0);
        String feature = reason.path("feature").asString();
        assertThat(reason.path("probability_contribution").asDouble())
                .isCloseTo(view.path("contributions").path(feature).asDouble(), within(1e-15));
        assertThat(plain.path("explanation_shap_values")
                        .path("probability_view")
                        .path("calibration")
                        .asString())
                .isEqualTo("none");
    }

    @Test
    void refusesInterventionalExplanationsOfACalibratedModelNamingTheRule() throws IOException {
        InvocationService service = new InvocationService(ModelLoader.load(calibratedCopy()), 3, JsonMapper.shared());
        byte[] body = GoldenBundle.testApplications().get(0).toString().getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> service.invoke(
                        body,
                        InvocationOptions.resolve(
                                "application/json;explanation_method=interventional",
                                null,
                                EntitySelection.parse("prediction")),
                        null))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("explanation_method=interventional is not available for this model: it has a probability"
                        + " calibration (platt), and the interventional probability view"
                        + " (interventional-probability/1) is defined on the model's own sigmoid; use"
                        + " explanation_method=path_dependent");
    }

    private Path calibratedCopy() throws IOException {
        Path copy = Files.createDirectories(temp.resolve("model"));
        try (Stream<Path> files = Files.list(GoldenBundle.modelDir())) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        ModelManifest golden = ModelManifestJson.read(copy);
        ModelManifest manifest = new ModelManifest(
                golden.formatVersion(),
                golden.modelFile(),
                golden.objective(),
                golden.features(),
                golden.label(),
                golden.hyperparameters(),
                golden.metrics(),
                golden.trainingData(),
                golden.lightgbmVersion(),
                golden.reliability(),
                PLATT,
                golden.references());
        Files.writeString(copy.resolve(ModelManifestJson.FILE_NAME), ModelManifestJson.write(manifest));
        return copy;
    }

    private static JsonNode explain(Path modelDir) {
        ObjectNode application = GoldenBundle.testApplications().get(0).deepCopy();
        application.remove("row_id");
        InvocationService service = new InvocationService(ModelLoader.load(modelDir), 3, JsonMapper.shared());
        byte[] body = service.invoke(
                        application.toString().getBytes(StandardCharsets.UTF_8),
                        InvocationOptions.resolve(
                                "application/json",
                                "entities=prediction,explanation_shap_values,reasons",
                                EntitySelection.parse("prediction")),
                        "application/json")
                .body();
        return JsonMapper.shared().readTree(body);
    }
}
