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

        // -2 alone (rate 0, clamped to 1/8), then -1, 0, 1 pooled at 1/3, then 2 and 3 pooled at 1 (clamped to 7/8).
        assertThat(isotonic.scores()).containsExactly(-2, -1, 1, 2, 3);
        assertThat(isotonic.probabilities()).containsExactly(1 / 8.0, 1 / 3.0, 1 / 3.0, 7 / 8.0, 7 / 8.0);
        assertThat(isotonic.probability(-5)).isEqualTo(1 / 8.0);
        assertThat(isotonic.probability(0)).isEqualTo(1 / 3.0);
        assertThat(isotonic.probability(1.5)).isCloseTo((1 / 3.0 + 7 / 8.0) / 2, within(1e-15));
        assertThat(isotonic.probability(9)).isEqualTo(7 / 8.0);
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
        assertThat(isotonic.probabilities()).containsExactly(1 / 6.0, 2 / 3.0);
        assertThat(new ProbabilityCalibration.None().probability(Math.log(3))).isCloseTo(0.75, within(1e-15));
    }

    @Test
    void isotonicFitsScoresWithManyTiesWhateverTheirOrder() {
        // Out-of-fold scores tie often; a block of ties must never be split by rounding of its mean.
        assertThat(ProbabilityCalibration.fitIsotonic(
                                new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 2},
                                new boolean[] {false, false, false, true, false, true})
                        .scores())
                .containsExactly(0.1, 2);
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 300; trial++) {
            int n = 2 + random.nextInt(60);
            double[] raw = new double[n];
            boolean[] labels = new boolean[n];
            for (int i = 0; i < n; i++) {
                raw[i] = random.nextInt(6) * 0.1;
                labels[i] = random.nextBoolean();
            }
            labels[0] = true;
            labels[1] = false;
            Isotonic isotonic = ProbabilityCalibration.fitIsotonic(raw, labels);
            for (double p : isotonic.probabilities()) {
                assertThat(p).isStrictlyBetween(0.0, 1.0);
            }
        }
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
