package com.example.credit.etl.transform;

/**
 * How many rows of one label class go to the test set, and where the last of them lies among the
 * hash buckets of that class.
 *
 * @param label the label value of the class
 * @param count accepted rows of the class
 * @param testCount rows of the class that go to test: {@code round(testFraction * count)}
 * @param boundaryBucket the bucket holding the last test row (-1 when testCount is 0)
 * @param rankInBucket 1-based rank of the last test row inside its bucket (0 when testCount is 0)
 */
public record ClassQuota(boolean label, long count, long testCount, int boundaryBucket, long rankInBucket) {

    public ClassQuota {
        if (count < 0 || testCount < 0 || testCount > count) {
            throw new IllegalArgumentException(
                    "class " + label + ": test count " + testCount + " must lie in [0, " + count + "]");
        }
        if ((testCount == 0) != (rankInBucket == 0)) {
            throw new IllegalArgumentException("class " + label + ": rank in bucket " + rankInBucket
                    + " must be 0 exactly when nothing goes to test");
        }
    }

    /**
     * The quota of a class from its per-bucket row counts.
     *
     * @param bucketCounts rows of the class per hash bucket, in bucket order
     * @param testFraction share of the class that goes to test, in (0, 1)
     */
    public static ClassQuota of(boolean label, long[] bucketCounts, double testFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction " + testFraction + " must lie in (0, 1)");
        }
        long count = 0;
        for (long bucketCount : bucketCounts) {
            count += bucketCount;
        }
        long testCount = Math.round(testFraction * count);
        if (testCount == 0) {
            return new ClassQuota(label, count, 0, -1, 0);
        }
        long before = 0;
        for (int bucket = 0; bucket < bucketCounts.length; bucket++) {
            if (before + bucketCounts[bucket] >= testCount) {
                return new ClassQuota(label, count, testCount, bucket, testCount - before);
            }
            before += bucketCounts[bucket];
        }
        throw new IllegalStateException("unreachable: test count " + testCount + " exceeds class size " + count);
    }

    /** Accepted rows of the class that go to train. */
    public long trainCount() {
        return count - testCount;
    }
}
