package com.example.credit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AgreementTests {

    @Test
    void measuresTheLargestAbsoluteDifference() {
        double difference = Agreement.maxAbsDifference(new double[] {1.0, -2.0, 3.0}, new double[] {1.0, -2.5, 3.25});

        assertThat(difference).isEqualTo(0.5);
    }

    @Test
    void acceptsDifferencesUpToTheTolerance() {
        double difference = Agreement.require("values", new double[] {0.25, 1.0}, new double[] {0.25, 1.0 + 5e-10});

        assertThat(difference).isLessThanOrEqualTo(Agreement.TOLERANCE);
    }

    @Test
    void rejectsADifferenceAboveTheToleranceNamingWhatDiffers() {
        assertThatThrownBy(
                        () -> Agreement.require("credit contributions", new double[] {1.0}, new double[] {1.0 + 1e-8}))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("credit contributions differ by")
                .hasMessageContaining("1.0E-9");
    }

    @Test
    void treatsNanInOnlyOneMatrixAsADisagreement() {
        assertThat(Agreement.maxAbsDifference(new double[] {Double.NaN}, new double[] {0.0}))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Agreement.maxAbsDifference(new double[] {Double.NaN}, new double[] {Double.NaN}))
                .isZero();
    }

    @Test
    void rejectsMatricesOfDifferentShapes() {
        assertThatThrownBy(() -> Agreement.maxAbsDifference(new double[2], new double[3]))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("2 values with 3");
    }
}
