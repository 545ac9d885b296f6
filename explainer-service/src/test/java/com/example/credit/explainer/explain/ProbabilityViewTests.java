package com.example.credit.explainer.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.core.model.Objective;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProbabilityViewTests {

    private static final Objective BINARY = new Objective("binary sigmoid:1", 1);

    @Test
    void addsUpExactlyFromTheBaselineToThePrediction() {
        RowExplanation explanation = explanation(-1.0, 0.8, -0.3, 0.05);

        ProbabilityView view = ProbabilityView.of(explanation, BINARY);

        assertThat(view.baseline()).isEqualTo(BINARY.probability(-1.0));
        assertThat(view.prediction()).isEqualTo(explanation.probability());
        assertThat(view.baseline() + Arrays.stream(view.contributions()).sum())
                .isCloseTo(view.prediction(), within(1e-15));
    }

    @Test
    void keepsEachSignAndEachShareOfTheTotal() {
        ProbabilityView view = ProbabilityView.of(explanation(0.2, 1.5, -0.5, 0.0), BINARY);

        double[] contributions = view.contributions();
        assertThat(contributions[0]).isPositive();
        assertThat(contributions[1]).isNegative();
        assertThat(contributions[2]).isZero();
        assertThat(contributions[0] / contributions[1]).isCloseTo(-3.0, within(1e-12));
    }

    @Test
    void usesTheSigmoidSlopeAtTheBaselineWhenTheShapValuesCancel() {
        ProbabilityView view = ProbabilityView.of(explanation(0.0, 0.4, -0.4), BINARY);

        assertThat(view.contributions()[0]).isCloseTo(0.4 * 0.25, within(1e-15));
        assertThat(view.contributions()[1]).isCloseTo(-0.4 * 0.25, within(1e-15));
    }

    private static RowExplanation explanation(double expected, double... phi) {
        double raw = expected + Arrays.stream(phi).sum();
        return new RowExplanation(raw, BINARY.probability(raw), expected, phi, null);
    }
}
