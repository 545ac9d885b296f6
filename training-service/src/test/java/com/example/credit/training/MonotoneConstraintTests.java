package com.example.credit.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.Monotone;
import com.example.credit.core.shap.TreeShap;
import com.example.credit.training.config.Hyperparameters;
import com.example.credit.training.data.ChannelLayout;
import com.example.credit.training.data.LabelledRows;
import com.example.credit.training.data.SplitLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema's {@code x-monotone} directions hold in the trained model: along a grid of each constrained feature,
 * for every test applicant with everything else fixed, the score and the feature's SHAP value move only in the
 * constraint's direction. So a reason never cites such a feature against its direction: if a value raised the
 * risk, every higher value of an increasing feature raised it at least as much (and the reverse for decreasing).
 * The same model trained with {@code monotone-constraints=off} breaks it, so the check can fail.
 */
class MonotoneConstraintTests {

    private static final int GRID = 25;
    private static final double TOLERANCE = 1e-12;

    @TempDir
    static Path temp;

    private static LightGbmModel constrained;
    private static LightGbmModel unconstrained;
    private static LabelledRows rows;
    private static List<Feature> monotoneFeatures;

    @BeforeAll
    static void trainWithAndWithoutConstraints() throws Exception {
        Path prepared = StatlogTrainingTests.fixture();
        constrained = train(prepared, "on");
        unconstrained = train(prepared, "off");
        FeatureCatalog catalog = FeatureCatalog.standard();
        rows = new SplitLoader(new ChannelLayout(prepared), catalog).load(Channel.DATA_TEST, Channel.LABEL_TEST);
        monotoneFeatures = catalog.features().stream()
                .filter(feature -> feature.monotone() != Monotone.NONE)
                .toList();
    }

    @Test
    void theSchemaConstrainsTheFeaturesACreditOfficerWouldExpect() {
        assertThat(monotoneFeatures)
                .extracting(feature -> feature.name() + ":" + feature.monotone().schemaValue())
                .containsExactlyInAnyOrder(
                        "credit__amount:increasing",
                        "credit__duration:increasing",
                        "credit__installment_rate:increasing",
                        "credit__guarantor:decreasing",
                        "employment__duration:decreasing");
    }

    @Test
    void scoreAndShapValueMoveOnlyInTheConstraintsDirectionForEveryTestApplicant() {
        TreeShap shap = TreeShap.of(constrained);
        List<String> violations = new ArrayList<>();
        for (Feature feature : monotoneFeatures) {
            double[] grid = grid(feature);
            int sign = feature.monotone().lightGbmValue();
            for (int r = 0; r < rows.rows(); r++) {
                double[] row = row(r);
                double previousScore = Double.NaN;
                double previousPhi = Double.NaN;
                for (double value : grid) {
                    row[feature.index()] = value;
                    double score = constrained.predictRaw(row);
                    double phi = shap.contributions(row)[feature.index()];
                    if (!Double.isNaN(previousScore)) {
                        if (sign * (score - previousScore) < -TOLERANCE) {
                            violations.add(feature.name() + " row " + r + " score at " + value);
                        }
                        if (sign * (phi - previousPhi) < -TOLERANCE) {
                            violations.add(feature.name() + " row " + r + " shap at " + value);
                        }
                    }
                    previousScore = score;
                    previousPhi = phi;
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void withoutConstraintsTheSameTrainingBreaksMonotonicity() {
        int violations = 0;
        for (Feature feature : monotoneFeatures) {
            int sign = feature.monotone().lightGbmValue();
            for (int r = 0; r < rows.rows(); r++) {
                double[] row = row(r);
                double previous = Double.NaN;
                for (double value : grid(feature)) {
                    row[feature.index()] = value;
                    double score = unconstrained.predictRaw(row);
                    if (!Double.isNaN(previous) && sign * (score - previous) < -TOLERANCE) {
                        violations++;
                    }
                    previous = score;
                }
            }
        }
        assertThat(violations)
                .as("score decreases against the direction, without constraints")
                .isPositive();
    }

    private static LightGbmModel train(Path prepared, String monotone) throws Exception {
        Path model = temp.resolve("model-" + monotone);
        new TrainingJob(FeatureCatalog.standard(), line -> {})
                .run(new TrainingRequest(
                        new ChannelLayout(prepared),
                        model,
                        Hyperparameters.parse(Map.of("monotone-constraints", monotone))));
        return LightGbmModel.read(model.resolve("model.txt"));
    }

    /** GRID values from the smallest to the largest value the test rows hold (both flags for a 0/1 feature). */
    private static double[] grid(Feature feature) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows.rows(); r++) {
            double value = rows.matrix()[r * rows.columns() + feature.index()];
            low = Math.min(low, value);
            high = Math.max(high, value);
        }
        if (high - low <= 1) {
            return new double[] {low, high};
        }
        double[] grid = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            grid[i] = Math.rint(low + (high - low) * i / (GRID - 1));
        }
        return grid;
    }

    private static double[] row(int r) {
        double[] row = new double[rows.columns()];
        System.arraycopy(rows.matrix(), r * rows.columns(), row, 0, rows.columns());
        return row;
    }
}
