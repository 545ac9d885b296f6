package com.example.credit.etl.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Prepares the rows of credits.csv: prefixes the credit columns and derives the row id. */
public final class CreditsTransform {

    private static final int ROW_ID_HEX_CHARS = 16;

    private CreditsTransform() {}

    /**
     * Keeps the two ids as they are (they are join keys and dropped later), prefixes every other
     * column with {@code credit__}, turns the corrupt-record text into the {@link Columns#MALFORMED}
     * flag and adds {@link Columns#ROW_ID} and the split {@link Columns#GROUP} (from {@code derived_from}, which
     * is not kept).
     */
    public static Dataset<Row> prepare(Dataset<Row> rawCredits) {
        List<Column> columns = new ArrayList<>();
        for (String name : rawCredits.columns()) {
            if (name.equals(Columns.CORRUPT_RECORD)) {
                columns.add(col(name).isNotNull().as(Columns.MALFORMED));
            } else if (name.equals(Columns.DERIVED_FROM)) {
                continue;
            } else if (name.equals(Columns.CREDIT_ID) || name.equals(Columns.PERSON_ID)) {
                columns.add(col(name));
            } else {
                columns.add(col(name).as(Columns.CREDIT_PREFIX + name));
            }
        }
        columns.add(rowId(col(Columns.CREDIT_ID)).as(Columns.ROW_ID));
        columns.add(
                group(col(Columns.DERIVED_FROM), rowId(col(Columns.CREDIT_ID))).as(Columns.GROUP));
        return rawCredits.select(columns.toArray(Column[]::new));
    }

    /** {@code derived-from-N} for a row derived from Statlog row N, else the row's own id. */
    public static Column group(Column derivedFrom, Column rowId) {
        return coalesce(concat(lit("derived-from-"), derivedFrom.cast("string")), rowId);
    }

    /** The first 16 hex characters of SHA-256 over the UTF-8 bytes of the credit id. */
    public static Column rowId(Column creditId) {
        return substring(sha2(creditId, 256), 1, ROW_ID_HEX_CHARS);
    }
}
