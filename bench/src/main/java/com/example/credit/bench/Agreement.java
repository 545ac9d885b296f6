package com.example.credit.bench;

/**
 * The equality check every benchmark run starts with: the engine's contributions and LightGBM's for the same rows,
 * compared entry by entry. A benchmark of two engines that disagree would measure nothing.
 */
public final class Agreement {

    /** LightGBM's own contributions and ours must agree to this absolute difference. */
    public static final double TOLERANCE = 1e-9;

    private Agreement() {}

    /**
     * The largest absolute difference between two row-major matrices of the same shape; NaN in one place but not
     * the other counts as an infinite difference.
     *
     * @throws BenchException if the shapes differ
     */
    public static double maxAbsDifference(double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            throw new BenchException(
                    "cannot compare " + expected.length + " values with " + actual.length + ", the shapes must match");
        }
        double max = 0.0;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isNaN(e) || Double.isNaN(a)) {
                if (Double.isNaN(e) != Double.isNaN(a)) {
                    return Double.POSITIVE_INFINITY;
                }
                continue;
            }
            max = Math.max(max, Math.abs(e - a));
        }
        return max;
    }

    /**
     * Checks that two row-major matrices agree within {@link #TOLERANCE}.
     *
     * @return the largest absolute difference
     * @throws BenchException naming {@code what} if they do not
     */
    public static double require(String what, double[] expected, double[] actual) {
        double difference = maxAbsDifference(expected, actual);
        if (!(difference <= TOLERANCE)) {
            throw new BenchException(what + " differ by " + difference + ", they must agree within " + TOLERANCE);
        }
        return difference;
    }
}
