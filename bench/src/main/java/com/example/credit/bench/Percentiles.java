package com.example.credit.bench;

import java.util.Arrays;

/** Latency percentiles by the nearest-rank method over every recorded sample (no histogram buckets). */
public final class Percentiles {

    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    /**
     * The percentiles of the first {@code count} samples.
     *
     * @throws BenchException if there are no samples
     */
    public static Percentiles of(long[] samples, int count) {
        if (count <= 0 || count > samples.length) {
            throw new BenchException("cannot take percentiles of " + count + " samples, need 1 to " + samples.length);
        }
        long[] copy = Arrays.copyOf(samples, count);
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    /**
     * The nearest-rank percentile: the smallest sample with at least {@code p}% of the samples at or below it.
     *
     * @throws BenchException if {@code p} is not in (0, 100]
     */
    public long percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new BenchException("percentile " + p + " must be in (0, 100]");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** The number of samples. */
    public int count() {
        return sorted.length;
    }
}
