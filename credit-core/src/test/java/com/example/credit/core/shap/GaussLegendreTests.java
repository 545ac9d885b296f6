package com.example.credit.core.shap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GaussLegendreTests {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 10, 16, 25, 40})
    void integratesEveryMonomialUpToDegreeTwoNMinusOneExactly(int n) {
        double[][] rule = GaussLegendre.onUnitInterval(n);

        for (int degree = 0; degree <= 2 * n - 1; degree++) {
            double integral = 0.0;
            for (int i = 0; i < n; i++) {
                integral += rule[1][i] * Math.pow(rule[0][i], degree);
            }
            assertThat(integral).as("t^%d with %d points", degree, n).isCloseTo(1.0 / (degree + 1), within(1e-14));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 12, 33})
    void placesIncreasingPointsInsideTheUnitIntervalWithPositiveWeights(int n) {
        double[][] rule = GaussLegendre.onUnitInterval(n);

        assertThat(rule[0]).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(rule[0][i]).isStrictlyBetween(0.0, 1.0);
            assertThat(rule[1][i]).isPositive();
            if (i > 0) {
                assertThat(rule[0][i]).isGreaterThan(rule[0][i - 1]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 6, 11})
    void isExactForTheBetaIntegralsThatWeighShapleyCoalitions(int d) {
        // s! (d-1-s)! / d! = integral of t^s (1-t)^(d-1-s): the identity the quadrature engine rests on.
        double[][] rule = GaussLegendre.onUnitInterval((d + 1) / 2);

        for (int s = 0; s < d; s++) {
            double integral = 0.0;
            for (int i = 0; i < rule[0].length; i++) {
                integral += rule[1][i] * Math.pow(rule[0][i], s) * Math.pow(1 - rule[0][i], d - 1 - s);
            }
            double weight = factorial(s) * factorial(d - 1 - s) / factorial(d);
            assertThat(integral).isCloseTo(weight, within(1e-15));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -3})
    void refusesARuleWithoutPoints(int n) {
        assertThatThrownBy(() -> GaussLegendre.onUnitInterval(n))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one point, got " + n);
    }

    private static double factorial(int n) {
        double result = 1.0;
        for (int k = 2; k <= n; k++) {
            result *= k;
        }
        return result;
    }
}
