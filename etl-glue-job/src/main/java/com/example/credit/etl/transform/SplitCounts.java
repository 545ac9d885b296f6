package com.example.credit.etl.transform;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * How many rows of each label and how many groups ended up on each side of the split, as counted after it (with
 * groups, a side can hold a few rows more than its quota).
 *
 * @param rows rows by "side/label", side {@code test} or {@code train}
 * @param groups distinct groups by side
 */
public record SplitCounts(Map<String, Long> rows, Map<String, Long> groups) {

    public SplitCounts {
        rows = Map.copyOf(rows);
        groups = Map.copyOf(groups);
    }

    /**
     * From two collected aggregations of the accepted rows.
     *
     * @param byLabel rows (is test, label, count)
     * @param groupsBySide rows (is test, distinct groups)
     */
    public static SplitCounts of(List<Row> byLabel, List<Row> groupsBySide) {
        Map<String, Long> rows = new TreeMap<>();
        for (Row row : byLabel) {
            rows.put(side(row.getBoolean(0)) + "/" + row.getBoolean(1), row.getLong(2));
        }
        Map<String, Long> groups = new TreeMap<>();
        for (Row row : groupsBySide) {
            groups.put(side(row.getBoolean(0)), row.getLong(1));
        }
        return new SplitCounts(rows, groups);
    }

    /** Rows of one label on one side. */
    public long rows(boolean label, boolean test) {
        return rows.getOrDefault(side(test) + "/" + label, 0L);
    }

    /** All rows on one side. */
    public long rows(boolean test) {
        return rows(false, test) + rows(true, test);
    }

    /** Distinct groups on one side. */
    public long groups(boolean test) {
        return groups.getOrDefault(side(test), 0L);
    }

    private static String side(boolean test) {
        return test ? "test" : "train";
    }
}
