package com.example.credit.etl.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What one pass over a raw dataset found: how many records it read, how many were malformed, the
 * smallest duplicated key and the first broken rule (smallest message, so the report is
 * deterministic).
 *
 * @param file the raw file, as named in messages
 * @param read records read, malformed ones included
 * @param malformed records Spark could not parse against the raw schema
 * @param duplicateKey a key that occurs more than once, if any
 * @param violation a broken rule of a well-formed record, if any
 */
public record InputSummary(
        String file, long read, long malformed, Optional<String> duplicateKey, Optional<String> violation) {

    public InputSummary {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(duplicateKey, "duplicateKey");
        Objects.requireNonNull(violation, "violation");
        if (read < 0 || malformed < 0 || malformed > read) {
            throw new IllegalArgumentException(
                    "counts of " + file + " must satisfy 0 <= malformed (" + malformed + ") <= read (" + read + ")");
        }
    }

    /**
     * One row that summarizes {@code rows}: columns read, malformed, duplicate_key and violation. Rows
     * must carry {@link Columns#MALFORMED}; malformed rows are counted but neither keyed nor checked.
     *
     * @param key the column that must be unique, or null when duplicates are allowed
     * @param violation the first broken rule of a row, see {@link Validation}
     */
    public static Dataset<Row> summarize(Dataset<Row> rows, String key, Column violation) {
        Column malformed = col(Columns.MALFORMED);
        Column checked = when(not(malformed), violation);
        Column malformedCount = when(malformed, lit(1L)).otherwise(lit(0L));
        if (key == null) {
            return rows.agg(
                    count(lit(1)).as("read"),
                    coalesce(sum(malformedCount), lit(0L)).as("malformed"),
                    lit(null).cast("string").as("duplicate_key"),
                    min(checked).as("violation"));
        }
        return rows.select(
                        when(not(malformed), col(key)).as("_key"),
                        malformedCount.as("_malformed"),
                        checked.as("_violation"))
                .groupBy(col("_key"))
                .agg(
                        count(lit(1)).as("_n"),
                        sum("_malformed").as("_malformed"),
                        min("_violation").as("_violation"))
                .agg(
                        coalesce(sum("_n"), lit(0L)).as("read"),
                        coalesce(sum("_malformed"), lit(0L)).as("malformed"),
                        min(when(col("_key").isNotNull().and(col("_n").gt(1)), col("_key")))
                                .as("duplicate_key"),
                        min("_violation").as("violation"));
    }

    /** Reads the single row of {@link #summarize}. */
    public static InputSummary of(String file, Row row) {
        return new InputSummary(
                file,
                row.getLong(row.fieldIndex("read")),
                row.getLong(row.fieldIndex("malformed")),
                Optional.ofNullable(row.getString(row.fieldIndex("duplicate_key"))),
                Optional.ofNullable(row.getString(row.fieldIndex("violation"))));
    }
}
