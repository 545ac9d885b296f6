package com.example.credit.bench;

/**
 * One JMH result: rows per second of one benchmark method on one model.
 *
 * @param benchmark the method name in {@link EngineBenchmarks}
 * @param model the model name
 * @param rowsPerSecond the mean throughput
 * @param error the half-width of JMH's 99.9% confidence interval (NaN with too few iterations)
 */
public record Score(String benchmark, String model, double rowsPerSecond, double error) {

    public Score {
        if (benchmark == null || benchmark.isBlank() || model == null || model.isBlank()) {
            throw new BenchException("a score needs a benchmark and a model, got " + benchmark + " on " + model);
        }
        if (!(rowsPerSecond > 0)) {
            throw new BenchException(benchmark + " on " + model + ": " + rowsPerSecond + " rows/s must be positive");
        }
    }
}
