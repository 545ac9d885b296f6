package com.example.credit.core.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.core.calibration.ProbabilityCalibration.Isotonic;
import com.example.credit.core.calibration.ProbabilityCalibration.Platt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProbabilityCalibrationTests {

    @Test
    void plattRecoversTheLogisticCurveThatGeneratedTheOutcomes() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 200_000;
        double[] raw = new double[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            raw[i] = random.nextDouble(-4, 4);
            labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-(0.5 * raw[i] - 1)));
        }

        Platt platt = ProbabilityCalibration.fitPlatt(raw, labels);

        assertThat(platt.slope()).isCloseTo(0.5, within(0.02));
        assertThat(platt.intercept()).isCloseTo(-1, within(0.03));
        assertThat(platt.probability(0)).isCloseTo(1 / (1 + Math.exp(1)), within(0.01));
        assertThat(platt.method()).isEqualTo("platt");
    }

    @Test
    void isotonicPoolsAdjacentViolatorsIntoANonDecreasingCurve() {
        double[] raw = {-2, -1, 0, 1, 2, 3};
        boolean[] labels = {false, true, false, false, true, true};

        Isotonic isotonic = ProbabilityCalibration.fitIsotonic(raw, labels);

        // (-2: 0), then -1, 0, 1 pool to 1/3 at mean score 0, then 2 and 3 at 1.
        assertThat(isotonic.scores()).containsExactly(-2, 0, 2.5);
        assertThat(isotonic.probabilities()).containsExactly(0, 1 / 3.0, 1);
        assertThat(isotonic.probability(-5)).isZero();
        assertThat(isotonic.probability(-1)).isCloseTo(1 / 6.0, within(1e-15));
        assertThat(isotonic.probability(9)).isEqualTo(1);
        double previous = -1;
        for (double s = -3; s <= 4; s += 0.01) {
            assertThat(isotonic.probability(s)).isGreaterThanOrEqualTo(previous);
            previous = isotonic.probability(s);
        }
    }

    @Test
    void equalScoresShareOneIsotonicPointAndNoneIsTheSigmoid() {
        Isotonic isotonic =
                ProbabilityCalibration.fitIsotonic(new double[] {1, 1, 1, 0}, new boolean[] {true, false, true, false});

        assertThat(isotonic.scores()).containsExactly(0, 1);
        assertThat(isotonic.probabilities()).containsExactly(0, 2 / 3.0);
        assertThat(new ProbabilityCalibration.None().probability(Math.log(3))).isCloseTo(0.75, within(1e-15));
    }

    @Test
    void refusesOneClassAnUnknownMethodAndAnUnorderedCurve() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ProbabilityCalibration.fit("platt", new double[] {1, 2}, new boolean[] {true, true}))
                .withMessage("calibration needs defaulted and repaid credits among the 2 rows");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ProbabilityCalibration.fit("beta", new double[] {1}, new boolean[] {true}))
                .withMessage("calibration method 'beta' is not one of [none, platt, isotonic]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Isotonic(new double[] {0, 1}, new double[] {0.5, 0.2}))
                .withMessageContaining("isotonic point 1 breaks the order");
    }
}
