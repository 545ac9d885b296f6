package com.example.credit.etl.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.shiftright;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * A seeded split stratified by the label that keeps every {@link Columns#GROUP} on one side, computed without
 * sorting the data into one partition.
 *
 * <p>A group is the near-duplicates derived from one Statlog row (synthetic data), or a single row. Its rows
 * share a seeded hash of the group id and a stratum, the largest label in the group (true if any row defaulted;
 * datagen keeps the class within a group, so it is the label). Rows are ranked within their stratum by (hash,
 * group, row id); the first {@code round(testFraction * stratumSize)} go to test, and so does the rest of the
 * group the cut falls in, so a stratum's test share can exceed the quota by less than one group. For data
 * without groups this is the exact split by class proportions of a seeded hash of the row id.
 *
 * <p>To find the cut without a global sort, the 64-bit hash is grouped into 4096 buckets by its top bits: a
 * small histogram locates the bucket holding the cut, and only that bucket's few rows are ranked exactly. The
 * outcome depends on the seed, the group ids and the row ids only, never on partitioning or parallelism.
 */
public final class StratifiedSplit {

    /** Seeded hash of the group id that orders rows within their stratum. */
    public static final String HASH = "_split_hash";

    /** Top 12 bits of {@link #HASH}, shifted to 0..4095 so that bucket order follows hash order. */
    public static final String BUCKET = "_split_bucket";

    /** The class a group is split in: the largest label among the group's rows. */
    public static final String STRATUM = "_split_stratum";

    /** Number of hash buckets. */
    public static final int BUCKETS = 4096;

    private static final int BUCKET_BITS = 12;

    private StratifiedSplit() {}

    /**
     * Adds {@link #HASH}, {@link #BUCKET} and {@link #STRATUM} to rows that carry {@link Columns#GROUP} and
     * {@link Columns#LABEL}.
     */
    public static Dataset<Row> withSplitKeys(Dataset<Row> rows, long seed) {
        Column hash = xxhash64(lit(seed), col(Columns.GROUP));
        Column stratum = max(col(Columns.LABEL).cast("int")).over(Window.partitionBy(col(Columns.GROUP)));
        // The arithmetic shift keeps the sign, so adding half the buckets maps signed order onto 0..4095.
        return rows.withColumn(HASH, hash)
                .withColumn(STRATUM, stratum.equalTo(1))
                .withColumn(
                        BUCKET, shiftright(col(HASH), Long.SIZE - BUCKET_BITS).plus(BUCKETS / 2));
    }

    /**
     * Row counts per (accepted, stratum, bucket), columns in that order followed by the count: at most
     * 4 × 4096 rows, small enough to collect.
     */
    public static Dataset<Row> histogram(Dataset<Row> rowsWithSplitKeys) {
        return rowsWithSplitKeys
                .groupBy(col(Columns.ACCEPTED), col(STRATUM), col(BUCKET))
                .count();
    }

    /** The quota of each stratum present among the accepted rows of a collected histogram. */
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
     * The rows of the quota's boundary bucket up to the last test row, in (hash, group, row id) order: at most
     * {@code rankInBucket} rows, about {@code classSize / 4096}.
     */
    public static Dataset<Row> boundaryRows(Dataset<Row> rowsWithSplitKeys, ClassQuota quota) {
        return rowsWithSplitKeys
                .filter(col(Columns.ACCEPTED)
                        .and(col(STRATUM).equalTo(quota.label()))
                        .and(col(BUCKET).equalTo(quota.boundaryBucket())))
                .select(col(HASH), col(Columns.GROUP))
                .orderBy(col(HASH), col(Columns.GROUP), col(Columns.ROW_ID))
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

    /**
     * True for accepted rows that go to test: those of a group at or before its stratum's threshold in (hash,
     * group) order, so a group goes whole; strata without a threshold send nothing to test.
     */
    public static Column isTest(List<SplitThreshold> thresholds) {
        Column test = lit(false);
        for (SplitThreshold threshold : thresholds) {
            Column atOrBefore = col(HASH)
                    .lt(threshold.hash())
                    .or(col(HASH)
                            .equalTo(threshold.hash())
                            .and(col(Columns.GROUP).leq(threshold.group())));
            test = test.or(col(STRATUM).equalTo(threshold.label()).and(atOrBefore));
        }
        return col(Columns.ACCEPTED).and(test);
    }
}
