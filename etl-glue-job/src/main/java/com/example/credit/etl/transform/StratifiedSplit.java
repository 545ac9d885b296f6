package com.example.credit.etl.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftright;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A seeded split stratified by the label with exact class proportions, computed without sorting the
 * data into one partition.
 *
 * <p>Rows are ranked within their label class by a seeded hash of the row id; the first {@code
 * round(testFraction * classSize)} rows of each class go to test. To find the cut without a global
 * sort, the 64-bit hash is grouped into 4096 buckets by its top bits: a small histogram locates the
 * bucket holding the cut, and only that bucket's few rows are ranked exactly. The outcome depends on
 * the seed and the row ids only, never on partitioning or parallelism.
 */
public final class StratifiedSplit {

    /** Seeded hash of the row id that orders rows within their class. */
    public static final String HASH = "_split_hash";

    /** Top 12 bits of {@link #HASH}, shifted to 0..4095 so that bucket order follows hash order. */
    public static final String BUCKET = "_split_bucket";

    /** Number of hash buckets. */
    public static final int BUCKETS = 4096;

    private static final int BUCKET_BITS = 12;

    private StratifiedSplit() {}

    /** Adds {@link #HASH} and {@link #BUCKET} to rows that carry {@link Columns#ROW_ID}. */
    public static Dataset<Row> withSplitKeys(Dataset<Row> rows, long seed) {
        Column hash = xxhash64(lit(seed), col(Columns.ROW_ID));
        // The arithmetic shift keeps the sign, so adding half the buckets maps signed order onto 0..4095.
        return rows.withColumn(HASH, hash)
                .withColumn(
                        BUCKET, shiftright(col(HASH), Long.SIZE - BUCKET_BITS).plus(BUCKETS / 2));
    }

    /**
     * Row counts per (accepted, label, bucket), columns in that order followed by the count: at most
     * 4 × 4096 rows, small enough to collect.
     */
    public static Dataset<Row> histogram(Dataset<Row> rowsWithSplitKeys) {
        return rowsWithSplitKeys
                .groupBy(col(Columns.ACCEPTED), col(Columns.LABEL), col(BUCKET))
                .count();
    }

    /** The quota of each label class present among the accepted rows of a collected histogram. */
    public static List<ClassQuota> quotas(List<Row> histogram, double testFraction) {
        Map<Boolean, long[]> counts = new HashMap<>();
        for (Row row : histogram) {
            if (row.getBoolean(0)) {
                counts.computeIfAbsent(row.getBoolean(1), label -> new long[BUCKETS])[
                                ((Number) row.get(2)).intValue()] +=
                        row.getLong(3);
            }
        }
        List<ClassQuota> quotas = new ArrayList<>();
        for (boolean label : new boolean[] {false, true}) {
            if (counts.containsKey(label)) {
                quotas.add(ClassQuota.of(label, counts.get(label), testFraction));
            }
        }
        return quotas;
    }

    /**
     * The rows of the quota's boundary bucket up to the last test row, in (hash, row id) order: at most
     * {@code rankInBucket} rows, about {@code classSize / 4096}.
     */
    public static Dataset<Row> boundaryRows(Dataset<Row> rowsWithSplitKeys, ClassQuota quota) {
        return rowsWithSplitKeys
                .filter(col(Columns.ACCEPTED)
                        .and(col(Columns.LABEL).equalTo(quota.label()))
                        .and(col(BUCKET).equalTo(quota.boundaryBucket())))
                .select(col(HASH), col(Columns.ROW_ID))
                .orderBy(col(HASH), col(Columns.ROW_ID))
                .limit(Math.toIntExact(quota.rankInBucket()));
    }

    /** The threshold from the collected {@link #boundaryRows}: the last of them. */
    public static SplitThreshold threshold(ClassQuota quota, List<Row> boundaryRows) {
        if (boundaryRows.size() != quota.rankInBucket()) {
            throw new IllegalStateException("boundary bucket " + quota.boundaryBucket() + " of class " + quota.label()
                    + " holds " + boundaryRows.size() + " rows, expected " + quota.rankInBucket());
        }
        Row last = boundaryRows.get(boundaryRows.size() - 1);
        return new SplitThreshold(quota.label(), last.getLong(0), last.getString(1));
    }

    /** True for accepted rows that go to test; classes without a threshold send nothing to test. */
    public static Column isTest(List<SplitThreshold> thresholds) {
        Column test = lit(false);
        for (SplitThreshold threshold : thresholds) {
            Column atOrBefore = col(HASH)
                    .lt(threshold.hash())
                    .or(col(HASH)
                            .equalTo(threshold.hash())
                            .and(col(Columns.ROW_ID).leq(threshold.rowId())));
            test = test.or(col(Columns.LABEL).equalTo(threshold.label()).and(atOrBefore));
        }
        return col(Columns.ACCEPTED).and(test);
    }
}
