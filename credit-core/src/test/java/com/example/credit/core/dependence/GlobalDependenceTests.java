package com.example.credit.core.dependence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.model.Scenario;
import com.example.credit.core.model.TrainedScenario;
import com.example.credit.core.shap.InterventionalShap;
import com.example.credit.core.shap.RandomForests;
import com.example.credit.core.shap.TreeShap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The model's partial dependence recounted by predicting every row with the feature changed (by this project's
 * model and by LightGBM itself), the bins checked to be exact (every row of a bin gives the same partial dependence,
 * bit for bit), the SHAP values by bin recounted, and, on additive models, the identity that ties the two curves.
 */
class GlobalDependenceTests {

    private static final int ROWS = 300;

    @ParameterizedTest
    @EnumSource(
            value = Scenario.class,
            names = {"NUMERIC", "CATEGORICAL", "NAN_MISSING", "ZERO_AS_MISSING", "DEEP"})
    void partialDependenceIsTheMeanPredictionWithTheFeatureChanged(Scenario scenario) {
        TrainedScenario trained = TrainedScenario.of(scenario);
        LightGbmModel model = trained.model();
        double[][] rows = scenario.sampleRows(ROWS, new SplittableRandom(11));
        PartialDependence pd = PartialDependence.of(model);
        for (double[] row : rows) {
            pd.add(row);
        }
        SplittableRandom random = new SplittableRandom(5);
        for (int feature = 0; feature < model.numFeatures(); feature++) {
            List<Double> values = new ArrayList<>(List.of(Double.NaN, 0.0, -0.0, 1e-36));
            for (int k = 0; k < 6; k++) {
                values.add(rows[random.nextInt(rows.length)][feature]);
            }
            for (double value : values) {
                double[][] changed = changed(rows, feature, value);
                double ours = 0;
                for (double[] row : changed) {
                    ours += model.predictRaw(row);
                }
                double lightgbm =
                        Arrays.stream(trained.reference().predictRaw(changed)).sum();
                assertThat(pd.evaluate(feature, value))
                        .as("%s feature %d = %s", scenario, feature, value)
                        .isCloseTo(ours / rows.length, within(1e-9))
                        .isCloseTo(lightgbm / rows.length, within(1e-9));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Scenario.class,
            names = {"NUMERIC", "CATEGORICAL", "NAN_MISSING", "ZERO_AS_MISSING", "DEEP"})
    void everyRowOfABinGivesTheBinsPartialDependenceAndTheBinsMeanPhiIsRecounted(Scenario scenario) {
        LightGbmModel model = TrainedScenario.of(scenario).model();
        TreeShap shap = TreeShap.of(model);
        double[][] rows = scenario.sampleRows(ROWS, new SplittableRandom(12));
        GlobalDependence global = GlobalDependence.of(model);
        PartialDependence pd = PartialDependence.of(model);
        double[][] phi = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            phi[r] = Arrays.copyOf(shap.contributions(rows[r]), model.numFeatures());
            global.add(rows[r], phi[r]);
            pd.add(rows[r]);
        }
        List<FeatureDependence> features = global.features();
        assertThat(features).hasSize(model.numFeatures());
        for (FeatureDependence feature : features) {
            int f = feature.feature();
            long counted = 0;
            double weighted = 0;
            for (ValueBin bin : feature.bins()) {
                List<Integer> members = new ArrayList<>();
                for (int r = 0; r < rows.length; r++) {
                    if (inBin(feature, bin, rows[r][f])) {
                        members.add(r);
                    }
                }
                assertThat(members).as("%s %s", feature.name(), bin).hasSize((int) bin.rows());
                double sumPhi = 0;
                for (int r : members) {
                    sumPhi += phi[r][f];
                    assertThat(pd.evaluate(f, rows[r][f]))
                            .as("%s row %d in %s", feature.name(), r, bin)
                            .isEqualTo(bin.partialDependence());
                }
                assertThat(bin.meanPhi()).isCloseTo(sumPhi / members.size(), within(1e-12));
                counted += bin.rows();
                weighted += bin.rows() * bin.partialDependence();
            }
            assertThat(counted).isEqualTo(rows.length);
            assertThat(feature.meanPartialDependence()).isCloseTo(weighted / rows.length, within(1e-12));
            assertThat(feature.meanPhi())
                    .isCloseTo(Arrays.stream(phi).mapToDouble(p -> p[f]).sum() / rows.length, within(1e-12));
            assertThat(feature.meanAbsPhi())
                    .isCloseTo(
                            Arrays.stream(phi).mapToDouble(p -> Math.abs(p[f])).sum() / rows.length, within(1e-12));
        }
    }

    /**
     * Random models whose paths test features again and again, with numerical splits of every missing type and
     * default direction, categorical bitsets, one-leaf trees, and rows on and beside the thresholds, NaN, zeros and
     * odd category codes.
     */
    @Test
    void partialDependenceAndBinsAreExactOnRandomModels() {
        for (long seed = 1; seed <= 20; seed++) {
            RandomForests forests = RandomForests.of(seed, 4, 12, 9, 1.0);
            LightGbmModel model = LightGbmModel.parse(forests.text());
            SplittableRandom random = new SplittableRandom(seed);
            double[][] rows = forests.rows(80, random);
            GlobalDependence global = GlobalDependence.of(model);
            PartialDependence pd = PartialDependence.of(model);
            for (double[] row : rows) {
                global.add(row, new double[4]);
                pd.add(row);
            }
            for (FeatureDependence feature : global.features()) {
                int f = feature.feature();
                for (double[] probe : forests.rows(5, random)) {
                    double expected = 0;
                    for (double[] row : changed(rows, f, probe[f])) {
                        expected += model.predictRaw(row);
                    }
                    assertThat(pd.evaluate(f, probe[f]))
                            .as("seed %d feature %d = %s", seed, f, probe[f])
                            .isCloseTo(expected / rows.length, within(1e-9));
                }
                long counted = 0;
                for (ValueBin bin : feature.bins()) {
                    for (double[] row : rows) {
                        if (inBin(feature, bin, row[f])) {
                            counted++;
                            assertThat(pd.evaluate(f, row[f]))
                                    .as("seed %d feature %d value %s in %s", seed, f, row[f], bin)
                                    .isEqualTo(bin.partialDependence());
                        }
                    }
                }
                assertThat(counted).as("seed %d feature %d", seed, f).isEqualTo(rows.length);
            }
        }
    }

    @Test
    void categoricalFeaturesGetOneBinPerCategoryAndMissingValuesTheirOwn() {
        LightGbmModel model = TrainedScenario.of(Scenario.CATEGORICAL).model();
        double[][] rows = Scenario.CATEGORICAL.sampleRows(ROWS, new SplittableRandom(13));
        int categorical = -1;
        for (int f = 0; f < model.numFeatures(); f++) {
            if (Scenario.CATEGORICAL.isCategorical(f)) {
                categorical = f;
            }
        }
        rows[0][categorical] = Double.NaN;
        GlobalDependence global = GlobalDependence.of(model);
        for (double[] row : rows) {
            global.add(row, new double[model.numFeatures()]);
        }
        FeatureDependence feature = global.features().get(categorical);
        int column = categorical;
        long distinct = Arrays.stream(rows)
                .mapToDouble(row -> row[column])
                .filter(v -> !Double.isNaN(v))
                .distinct()
                .count();
        assertThat(feature.categorical()).isTrue();
        assertThat(feature.bins()).hasSize((int) distinct + 1);
        assertThat(feature.bins().get(feature.bins().size() - 1).kind()).isEqualTo(ValueBin.Kind.MISSING);
        assertThat(feature.bins().get(0).kind()).isEqualTo(ValueBin.Kind.VALUE);
        assertThat(feature.bins().get(0).value()).isNotNull();
    }

    /**
     * On an additive model (each tree tests one feature), path-dependent SHAP values are {@code f_j(x_j)} minus a
     * constant and the partial dependence is {@code f_j(v)} plus a constant: the two curves differ by one constant
     * across the bins. Interventional SHAP values against the same rows as background are exactly the centred
     * partial dependence.
     */
    @Test
    void onAnAdditiveModelTheShapCurveIsThePartialDependenceCurveShifted() {
        LightGbmModel model = LightGbmModel.parse(AdditiveModel.TEXT);
        SplittableRandom random = new SplittableRandom(3);
        double[][] rows = new double[120][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = new double[] {
                random.nextInt(8) == 0 ? Double.NaN : random.nextDouble(-3, 3),
                random.nextInt(4),
                random.nextDouble(-3, 3)
            };
        }
        TreeShap pathDependent = TreeShap.of(model);
        InterventionalShap interventional = InterventionalShap.of(model, rows);
        GlobalDependence byPath = GlobalDependence.of(model);
        GlobalDependence byReference = GlobalDependence.of(model);
        for (double[] row : rows) {
            byPath.add(row, Arrays.copyOf(pathDependent.contributions(row), 3));
            byReference.add(row, Arrays.copyOf(interventional.contributions(row), 3));
        }
        for (int f = 0; f < 3; f++) {
            FeatureDependence path = byPath.features().get(f);
            FeatureDependence reference = byReference.features().get(f);
            assertThat(path.bins()).hasSizeGreaterThan(1);
            double shift =
                    path.bins().get(0).meanPhi() - centred(path, path.bins().get(0));
            for (int b = 0; b < path.bins().size(); b++) {
                ValueBin bin = path.bins().get(b);
                assertThat(bin.meanPhi() - centred(path, bin)).isCloseTo(shift, within(1e-12));
                ValueBin same = reference.bins().get(b);
                assertThat(same.partialDependence()).isEqualTo(bin.partialDependence());
                assertThat(same.meanPhi()).isCloseTo(centred(reference, same), within(1e-12));
            }
        }
        // The path-dependent values are centred on the training data the covers describe, not on these rows.
        assertThat(byPath.features().get(0).meanPhi()).isNotCloseTo(0.0, within(1e-6));
    }

    @Test
    void theSameRowsInTheSameOrderGiveTheSameResults() {
        LightGbmModel model = TrainedScenario.of(Scenario.NAN_MISSING).model();
        TreeShap shap = TreeShap.of(model);
        double[][] rows = Scenario.NAN_MISSING.sampleRows(200, new SplittableRandom(14));
        List<List<FeatureDependence>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            GlobalDependence global = GlobalDependence.of(model);
            for (double[] row : rows) {
                global.add(row, Arrays.copyOf(shap.contributions(row), model.numFeatures()));
            }
            runs.add(global.features());
        }
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
    }

    /**
     * Small trees count a block of rows by the pattern of their decisions, deeper ones by a walk per row: on random
     * models with trees of 1 to 13 leaves, rows added in blocks of every size give the same bits as one by one.
     */
    @Test
    void rowsAddedInBlocksGiveTheSameResultsAsOneByOne() {
        for (long seed = 1; seed <= 12; seed++) {
            RandomForests forests = RandomForests.of(seed, 5, 16, 13, 1.0);
            LightGbmModel model = LightGbmModel.parse(forests.text());
            SplittableRandom random = new SplittableRandom(seed);
            double[][] rows = forests.rows(150, random);
            PartialDependence oneByOne = PartialDependence.of(model);
            for (double[] row : rows) {
                oneByOne.add(row);
            }
            PartialDependence inBlocks = PartialDependence.of(model);
            int next = 0;
            while (next < rows.length) {
                int count = Math.min(1 + random.nextInt(PartialDependence.BLOCK), rows.length - next);
                inBlocks.add(Arrays.copyOfRange(rows, next, next + count), count);
                next += count;
            }
            assertThat(inBlocks.rows()).isEqualTo(oneByOne.rows());
            for (int f = 0; f < model.numFeatures(); f++) {
                for (double[] probe : forests.rows(6, random)) {
                    assertThat(inBlocks.evaluate(f, probe[f]))
                            .as("seed %d feature %d = %s", seed, f, probe[f])
                            .isEqualTo(oneByOne.evaluate(f, probe[f]));
                }
            }
        }
    }

    @Test
    void resultsTakenBetweenRowsDoNotChangeTheResultsAfterMoreRows() {
        RandomForests forests = RandomForests.of(3, 5, 16, 13, 1.0);
        LightGbmModel model = LightGbmModel.parse(forests.text());
        TreeShap shap = TreeShap.of(model);
        double[][] rows = forests.rows(200, new SplittableRandom(8));
        GlobalDependence asked = GlobalDependence.of(model);
        GlobalDependence notAsked = GlobalDependence.of(model);
        for (int r = 0; r < rows.length; r++) {
            double[] phi = Arrays.copyOf(shap.contributions(rows[r]), model.numFeatures());
            asked.add(rows[r], phi);
            notAsked.add(rows[r], phi);
            if (r == 0 || r == 63 || r == 100) {
                assertThat(asked.features()).hasSize(model.numFeatures());
            }
        }
        assertThat(asked.rows()).isEqualTo(rows.length);
        assertThat(asked.features()).isEqualTo(notAsked.features());
    }

    @Test
    void refusesBlocksOfNoRowsOrMoreThanABlock() {
        LightGbmModel model = TrainedScenario.of(Scenario.NUMERIC).model();
        PartialDependence pd = PartialDependence.of(model);
        double[][] rows = new double[PartialDependence.BLOCK + 1][model.numFeatures()];
        assertThatThrownBy(() -> pd.add(rows, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a block adds 1 to 64 rows of the 65 it holds, not 0");
        assertThatThrownBy(() -> pd.add(rows, PartialDependence.BLOCK + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a block adds 1 to 64 rows of the 65 it holds, not 65");
        assertThatThrownBy(() -> pd.add(new double[2][model.numFeatures()], 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a block adds 1 to 64 rows of the 2 it holds, not 3");
        assertThat(pd.rows()).isZero();
    }

    @Test
    void refusesRowsThatDoNotFitTheModelAndResultsWithoutRows() {
        LightGbmModel model = TrainedScenario.of(Scenario.NUMERIC).model();
        GlobalDependence global = GlobalDependence.of(model);
        int n = model.numFeatures();
        assertThatThrownBy(() -> global.add(new double[n + 1], new double[n]))
                .isInstanceOf(DependenceException.class)
                .hasMessage("a row of " + (n + 1) + " values; the model has " + n + " features");
        assertThatThrownBy(() -> global.add(new double[n], new double[n - 1]))
                .isInstanceOf(DependenceException.class)
                .hasMessage((n - 1) + " SHAP values for a row; the model has " + n + " features");
        assertThatThrownBy(global::features)
                .isInstanceOf(DependenceException.class)
                .hasMessageContaining("without rows");
        assertThatThrownBy(() -> PartialDependence.of(model).evaluate(n, 0.0))
                .isInstanceOf(DependenceException.class)
                .hasMessage("feature " + n + " is not one of the model's " + n + " features");
    }

    private static double centred(FeatureDependence feature, ValueBin bin) {
        return bin.partialDependence() - feature.meanPartialDependence();
    }

    private static boolean inBin(FeatureDependence feature, ValueBin bin, double raw) {
        boolean hasZeroBin = feature.bins().stream().anyMatch(b -> b.kind() == ValueBin.Kind.ZERO);
        double value = Math.abs(raw) <= 1e-35f ? 0.0 : raw;
        return switch (bin.kind()) {
            case MISSING -> Double.isNaN(value);
            case ZERO -> value == 0.0;
            case VALUE -> !Double.isNaN(value) && value == bin.value();
            case RANGE ->
                !Double.isNaN(value)
                        && (bin.lower() == null || value > bin.lower())
                        && (bin.upper() == null || value <= bin.upper())
                        && !(value == 0.0 && hasZeroBin);
        };
    }

    private static double[][] changed(double[][] rows, int feature, double value) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = rows[r].clone();
            out[r][feature] = value;
        }
        return out;
    }
}
