package com.example.credit.etl.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Reduces contacts.csv to whether each person has a registered telephone; the values never leave. */
public final class ContactsTransform {

    /** The contact type that counts as a registered telephone. */
    public static final String TELEPHONE = "telephone";

    private static final String NUM_TELEPHONES = "_num_telephones";

    private ContactsTransform() {}

    /** Raw contacts with the corrupt-record text turned into the {@link Columns#MALFORMED} flag. */
    public static Dataset<Row> mark(Dataset<Row> rawContacts) {
        return rawContacts
                .withColumn(Columns.MALFORMED, col(Columns.CORRUPT_RECORD).isNotNull())
                .drop(Columns.CORRUPT_RECORD);
    }

    /**
     * One row per person with at least one well-formed contact: {@link Columns#PERSON_ID} and {@link
     * Columns#HAS_TELEPHONE} (1 when the person has one or more telephone contacts, else 0).
     */
    public static Dataset<Row> telephones(Dataset<Row> markedContacts) {
        return markedContacts
                .filter(not(col(Columns.MALFORMED)))
                .groupBy(col(Columns.PERSON_ID))
                .agg(sum(when(col("type").equalTo(TELEPHONE), lit(1)).otherwise(lit(0)))
                        .as(NUM_TELEPHONES))
                .select(
                        col(Columns.PERSON_ID),
                        when(col(NUM_TELEPHONES).gt(0), lit(1))
                                .otherwise(lit(0))
                                .as(Columns.HAS_TELEPHONE));
    }
}
