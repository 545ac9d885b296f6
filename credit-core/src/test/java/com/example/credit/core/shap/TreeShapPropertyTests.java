package com.example.credit.core.shap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.model.Scenario;
import com.example.credit.core.model.Split;
import com.example.credit.core.model.SplitCondition;
import com.example.credit.core.model.TrainedScenario;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** For arbitrary rows (thresholds, NaN, zeros, odd category codes) TreeSHAP agrees with LightGBM. */
class TreeShapPropertyTests {

    private static final Scenario SCENARIO = Scenario.CATEGORICAL;

    @Property(tries = 300, seed = "20260101", edgeCases = EdgeCasesMode.MIXIN)
    void contributionsEqualLightGbmAndAddUpToTheRawScore(@ForAll("rows") double[] row) {
        TrainedScenario trained = TrainedScenario.of(SCENARIO);
        TreeShap shap = TreeShap.of(trained.model());

        double[] phi = shap.contributions(row);
        double[] expected = trained.reference().contributions(new double[][] {row})[0];

        double sum = 0;
        for (int f = 0; f < phi.length; f++) {
            assertThat(phi[f]).as("feature %d", f).isCloseTo(expected[f], within(1e-9));
            sum += phi[f];
        }
        assertThat(sum).isCloseTo(trained.reference().predictRaw(new double[][] {row})[0], within(1e-9));
    }

    @Property(tries = 100, seed = "20260102", edgeCases = EdgeCasesMode.MIXIN)
    void interactionRowsAddUpToTheContributions(@ForAll("rows") double[] row) {
        TreeShap shap = TreeShap.of(TrainedScenario.of(SCENARIO).model());

        double[] phi = shap.contributions(row);
        double[][] interactions = shap.interactions(row);

        for (int i = 0; i < interactions.length; i++) {
            double rowSum = 0;
            for (int j = 0; j < interactions.length; j++) {
                assertThat(interactions[i][j]).isEqualTo(interactions[j][i]);
                rowSum += interactions[i][j];
            }
            assertThat(rowSum).isCloseTo(phi[i], within(1e-9));
        }
    }

    @Provide
    Arbitrary<double[]> rows() {
        LightGbmModel model = TrainedScenario.of(SCENARIO).model();
        List<Arbitrary<Double>> features = new ArrayList<>();
        for (int f = 0; f < model.numFeatures(); f++) {
            features.add(SCENARIO.isCategorical(f) ? categories() : numbers(thresholds(model, f)));
        }
        return Arbitraries.just(features).flatMap(list -> combine(list, 0, new double[list.size()]));
    }

    private static Arbitrary<double[]> combine(List<Arbitrary<Double>> features, int index, double[] prefix) {
        if (index == features.size()) {
            return Arbitraries.just(prefix.clone());
        }
        return features.get(index).flatMap(value -> {
            double[] next = prefix.clone();
            next[index] = value;
            return combine(features, index + 1, next);
        });
    }

    private static Arbitrary<Double> numbers(List<Double> thresholds) {
        Arbitrary<Double> onThreshold = thresholds.isEmpty() ? Arbitraries.just(0.0) : Arbitraries.of(thresholds);
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.doubles().between(-4, 4)),
                Tuple.of(3, onThreshold),
                Tuple.of(2, onThreshold.map(Math::nextUp)),
                Tuple.of(2, Arbitraries.of(Double.NaN, 0.0, -0.0, 1e-36, Double.POSITIVE_INFINITY, -1e300)));
    }

    private static Arbitrary<Double> categories() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(0, 35).map(Integer::doubleValue)),
                Tuple.of(2, Arbitraries.integers().between(-5, -1).map(Integer::doubleValue)),
                Tuple.of(2, Arbitraries.of(Double.NaN, 2.5, -0.5, 1e10, 4096.0)));
    }

    private static List<Double> thresholds(LightGbmModel model, int feature) {
        List<Double> thresholds = new ArrayList<>();
        model.trees().forEach(tree -> {
            for (Split split : tree.splits()) {
                if (split.feature() == feature && split.condition() instanceof SplitCondition.Numerical numerical) {
                    thresholds.add(numerical.threshold());
                }
            }
        });
        return thresholds;
    }
}
