package com.example.credit.core.shap;

/**
 * Gauss–Legendre quadrature rules: {@code n} points and weights that integrate every polynomial of degree up to
 * {@code 2n - 1} exactly. The points are the roots of the Legendre polynomial {@code P_n}, found by Newton's method
 * from the usual cosine estimates; the weights are {@code 2 / ((1 - x^2) P_n'(x)^2)}.
 */
final class GaussLegendre {

    private static final int MAX_NEWTON_STEPS = 100;

    private GaussLegendre() {}

    /**
     * The {@code n}-point rule mapped onto {@code [0, 1]}: {@code rule[0]} the points in increasing order,
     * {@code rule[1]} their weights (summing to 1).
     */
    static double[][] onUnitInterval(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a quadrature rule needs at least one point, got " + n);
        }
        double[] points = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            // Roots of P_n on [-1, 1], the i-th largest first.
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0.0;
            for (int step = 0; step < MAX_NEWTON_STEPS; step++) {
                double[] value = legendre(n, x);
                derivative = value[1];
                double dx = value[0] / derivative;
                x -= dx;
                if (Math.abs(dx) <= 1e-17) {
                    break;
                }
            }
            derivative = legendre(n, x)[1];
            double weight = 2.0 / ((1.0 - x * x) * derivative * derivative);
            // Symmetric pair -x, x on [-1, 1] becomes (1 -+ x) / 2 on [0, 1], weights halved.
            points[i] = (1.0 - x) / 2.0;
            points[n - 1 - i] = (1.0 + x) / 2.0;
            weights[i] = weight / 2.0;
            weights[n - 1 - i] = weight / 2.0;
        }
        if (n % 2 == 1) {
            points[n / 2] = 0.5;
        }
        return new double[][] {points, weights};
    }

    /** {@code P_n(x)} and {@code P_n'(x)} by the three-term recurrence. */
    private static double[] legendre(int n, double x) {
        double previous = 1.0;
        double current = x;
        for (int k = 2; k <= n; k++) {
            double nextValue = ((2 * k - 1) * x * current - (k - 1) * previous) / k;
            previous = current;
            current = nextValue;
        }
        if (n == 1) {
            return new double[] {x, 1.0};
        }
        double derivative = n * (x * current - previous) / (x * x - 1.0);
        return new double[] {current, derivative};
    }
}
