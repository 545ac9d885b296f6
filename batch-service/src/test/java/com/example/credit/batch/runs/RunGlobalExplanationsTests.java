package com.example.credit.batch.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.batch.TestExplainer;
import com.example.credit.batch.TestModel;
import com.example.credit.batch.job.AssembleWith;
import com.example.credit.batch.job.BatchStrategy;
import com.example.credit.batch.job.DataProcessing;
import com.example.credit.batch.job.JoinSource;
import com.example.credit.batch.job.SplitType;
import com.example.credit.batch.job.TransformJobSpec;
import com.example.credit.batch.local.LocalTransformer;
import com.example.credit.batch.local.ProgressListener;
import com.example.credit.batch.report.BatchOutputFixture;
import com.example.credit.batch.report.LabelReader;
import com.example.credit.core.manifest.ModelManifestJson;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
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
 * The index's global explanations on a real batch output (the test model's data_test through the local back end),
 * recounted here from the lines with the formulas written in the test: every applicant's SHAP value of a feature
 * falls in exactly one bin, whose mean it makes; each bin's partial dependence is the mean of the model's raw score
 * over all applicants with the feature set to each of the bin's applicants' values (the same for all of them).
 */
class RunGlobalExplanationsTests {

    private static final JsonMapper MAPPER = JsonMapper.shared();
    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();

    @TempDir
    Path temp;

    @Test
    void recountsEveryBinsMeanShapValueAndPartialDependenceFromTheLines() throws IOException {
        Path run = BatchOutputFixture.copy(temp.resolve("run"));
        JsonNode summary = indexAndRecount(run);
        assertThat(summary.path("explanation").path("method").asString()).isEqualTo("path_dependent");
        assertThat(summary.path("explanation").path("reference").isNull()).isTrue();
    }

    /** The same for a run explained against the applicants the lender approves (interventional TreeSHAP). */
    @Test
    void recountsTheGlobalExplanationsOfAnInterventionalRunAndNamesItsReference() throws IOException {
        Path run = temp.resolve("interventional");
        TransformJobSpec spec = TransformJobSpec.builder(
                        TestModel.prepared().resolve("data_test").toString(),
                        run.toString(),
                        "application/jsonlines;entities=prediction,explanation_shap_values,reasons;"
                                + "explanation_method=interventional;reference=approved")
                .splitType(SplitType.LINE)
                .batchStrategy(BatchStrategy.MULTI_RECORD)
                .assembleWith(AssembleWith.LINE)
                .dataProcessing(new DataProcessing("$", "$", JoinSource.INPUT))
                .build();
        try (TestExplainer explainer = TestExplainer.start()) {
            LocalTransformer.run(spec, explainer.baseUrl(), ProgressListener.NONE);
        }
        JsonNode summary = indexAndRecount(run);
        JsonNode explanation = summary.path("explanation");
        assertThat(explanation.path("method").asString()).isEqualTo("interventional");
        assertThat(explanation.path("reference").path("name").asString()).isEqualTo("approved");
        assertThat(explanation.path("reference").path("sha256").asString())
                .isEqualTo(ModelManifestJson.read(TestModel.directory())
                        .reference("approved")
                        .orElseThrow()
                        .sha256());
    }

    /**
     * Indexes a run with the test model and recounts its global explanations from its lines; returns the summary.
     */
    private JsonNode indexAndRecount(Path run) throws IOException {
        RunModel model = RunModel.read(TestModel.directory());
        new RunIndexWriter(CATALOG, model).write(run, LabelReader.read(BatchOutputFixture.labels(), MAPPER));
        JsonNode summary = RunIndex.open(run, CATALOG).summary();

        List<double[]> rows = new ArrayList<>();
        List<double[]> phis = new ArrayList<>();
        for (JsonNode line : lines(run)) {
            rows.add(new FeatureEncoder(CATALOG).encode(line));
            double[] phi = new double[CATALOG.features().size()];
            JsonNode values =
                    line.path("SageMakerOutput").path("explanation_shap_values").path("shap_values");
            for (Feature feature : CATALOG.features()) {
                phi[feature.index()] = values.path(feature.name()).asDouble();
            }
            phis.add(phi);
        }
        JsonNode global = summary.path("global");
        assertThat(summary.path("format_version").asInt()).isEqualTo(5);
        assertThat(rows).hasSize(200);
        assertThat(global.path("rows").asLong()).isEqualTo(rows.size());
        assertThat(global.path("model_sha256").asString())
                .isEqualTo(model.sha256())
                .hasSize(64);
        assertThat(global.path("features").size()).isEqualTo(CATALOG.features().size());

        LightGbmModel trees = model.model();
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode entry : global.path("features")) {
            Feature feature = CATALOG.feature(entry.path("feature").asString());
            int f = feature.index();
            // The partial dependence at a value, computed once per value: applicants often share one.
            Map<Double, Double> dependence = new HashMap<>();
            assertThat(entry.path("mean_abs_phi").asDouble()).isLessThanOrEqualTo(previous);
            previous = entry.path("mean_abs_phi").asDouble();
            long counted = 0;
            double weighted = 0;
            for (JsonNode bin : entry.path("bins")) {
                List<Integer> members = new ArrayList<>();
                for (int r = 0; r < rows.size(); r++) {
                    if (inBin(feature, bin, rows.get(r)[f])) {
                        members.add(r);
                    }
                }
                assertThat(members)
                        .as("%s %s", feature.name(), bin)
                        .hasSize(bin.path("rows").asInt());
                double sumPhi = 0;
                for (int r : members) {
                    sumPhi += phis.get(r)[f];
                    assertThat(dependence.computeIfAbsent(
                                    rows.get(r)[f], value -> partialDependence(trees, rows, f, value)))
                            .as("%s bin %s, applicant %d", feature.name(), bin, r)
                            .isCloseTo(bin.path("partial_dependence").asDouble(), within(1e-9));
                }
                assertThat(bin.path("mean_phi").asDouble()).isCloseTo(sumPhi / members.size(), within(1e-12));
                counted += members.size();
                weighted += members.size() * bin.path("partial_dependence").asDouble();
            }
            assertThat(counted).as(feature.name()).isEqualTo(rows.size());
            assertThat(entry.path("mean_partial_dependence").asDouble())
                    .isCloseTo(weighted / rows.size(), within(1e-12));
        }
        return summary;
    }

    @Test
    void withoutTheModelTheIndexSaysWhyItHasNoGlobalExplanations() {
        Path run = BatchOutputFixture.copy(temp.resolve("run"));
        new RunIndexWriter(CATALOG).write(run, Map.of());
        JsonNode summary = RunIndex.open(run, CATALOG).summary();
        assertThat(summary.path("global").isNull()).isTrue();
        assertThat(summary.path("global_note").asString()).contains("without its model");
        assertThat(summary.path("explanation").path("method").asString()).isEqualTo("path_dependent");
    }

    @Test
    void refusesARunWhoseLinesMixExplanationMethods() throws IOException {
        Path run = BatchOutputFixture.copy(temp.resolve("run"));
        Path file;
        try (Stream<Path> files = Files.walk(run)) {
            file = files.filter(path -> path.toString().endsWith(".out"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(
                1,
                lines.get(1)
                        .replace(
                                "\"explanation_method\":\"path_dependent\"",
                                "\"explanation_method\":\"interventional\",\"reference\":{\"name\":\"approved\"}"));
        Files.write(file, lines);
        String where = run.relativize(file).toString().replace('\\', '/');
        assertThatThrownBy(() -> new RunIndexWriter(CATALOG).write(run, Map.of()))
                .isInstanceOf(RunIndexException.class)
                .hasMessage(where + " line 2 is explained by interventional against 'approved' but " + where
                        + " line 1 by path_dependent: a run's lines must share one explanation method and reference");
    }

    @Test
    void refusesAModelWhoseFeaturesAreNotTheSchemas() throws IOException {
        Path folder = temp.resolve("model");
        Files.createDirectories(folder);
        String text = Files.readString(TestModel.directory().resolve("model.txt"))
                .replaceFirst("feature_names=\\S+", "feature_names=renamed");
        Files.writeString(folder.resolve("model.txt"), text);
        RunModel renamed = RunModel.read(folder);
        assertThatThrownBy(() -> new RunIndexWriter(CATALOG, renamed))
                .isInstanceOf(RunIndexException.class)
                .hasMessageStartingWith("the model's features [renamed, ")
                .hasMessageEndingWith(": index the run with the model that explained it");
        assertThatThrownBy(() -> RunModel.read(temp.resolve("nowhere")))
                .isInstanceOf(RunIndexException.class)
                .hasMessageStartingWith(
                        "cannot read the run's model " + temp.resolve("nowhere").resolve("model.txt"));
    }

    private static double partialDependence(LightGbmModel model, List<double[]> rows, int feature, double value) {
        double sum = 0;
        for (double[] row : rows) {
            double[] changed = row.clone();
            changed[feature] = value;
            sum += model.predictRaw(changed);
        }
        return sum / rows.size();
    }

    /** Whether a value falls in a bin of the summary, by the bin's own description. */
    private static boolean inBin(Feature feature, JsonNode bin, double value) {
        return switch (bin.path("kind").asString()) {
            case "missing" -> Double.isNaN(value);
            case "zero" -> value == 0.0;
            case "value" ->
                !Double.isNaN(value)
                        && feature.categories()
                                .get((int) value)
                                .equals(bin.path("value").asString());
            case "range" ->
                !Double.isNaN(value)
                        && (bin.path("above").isNull()
                                || value > bin.path("above").asDouble())
                        && (bin.path("up_to").isNull()
                                || value <= bin.path("up_to").asDouble());
            default -> throw new AssertionError("unknown bin kind in " + bin);
        };
    }

    private static List<JsonNode> lines(Path run) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(run)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".out"))
                    .filter(path -> !run.relativize(path).toString().startsWith("."))
                    .sorted()
                    .toList()) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode node = MAPPER.readTree(line);
                    if (!node.path("SageMakerOutput").has("error")) {
                        lines.add(node);
                    }
                }
            }
        }
        return lines;
    }
}
