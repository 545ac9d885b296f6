package com.example.credit.etl.io;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import com.example.credit.etl.transform.Columns;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The raw layout written by datagen: folder and file names, CSV headers and the explicit Spark
 * schemas. Explicit schemas (never inference) make a value of the wrong type a malformed line instead
 * of a silently widened column.
 */
public final class RawLayout {

    /** Marker (a JSON manifest) that datagen writes last; without it the dataset does not exist. */
    public static final String SUCCESS = "_SUCCESS";

    /** The manifest format datagen writes: 2 added credits.csv's last column, {@code derived_from}. */
    public static final int FORMAT_VERSION = 2;

    /** Every manifest format this build reads (format 1 has no {@code derived_from}: each row is its own group). */
    public static final List<Integer> READABLE_FORMATS = List.of(1, 2);

    public static final String CREDITS_DIR = "credits";
    public static final String PEOPLE_DIR = "people";
    public static final String CONTACTS_DIR = "contacts";

    public static final String CREDITS_FILE = "credits.csv";
    public static final String PEOPLE_FILE = "people.jsonl";
    public static final String CONTACTS_FILE = "contacts.csv";

    public static final List<String> CREDITS_HEADER = List.of(
            "credit_id",
            "person_id",
            "amount",
            "duration",
            "purpose",
            "installment_rate",
            "guarantor",
            "coapplicant",
            "default",
            Columns.DERIVED_FROM);

    /** The credits.csv header of format 1. */
    public static final List<String> CREDITS_HEADER_V1 = CREDITS_HEADER.subList(0, CREDITS_HEADER.size() - 1);

    public static final List<String> CONTACTS_HEADER = List.of("contact_id", "person_id", "type", "value");

    public static final StructType CREDITS_SCHEMA = createStructType(new StructField[] {
        field("credit_id", StringType),
        field("person_id", StringType),
        field("amount", IntegerType),
        field("duration", IntegerType),
        field("purpose", StringType),
        field("installment_rate", IntegerType),
        field("guarantor", IntegerType),
        field("coapplicant", IntegerType),
        field("default", BooleanType),
        field(Columns.DERIVED_FROM, IntegerType),
        field(Columns.CORRUPT_RECORD, StringType)
    });

    /** The credits.csv schema of format 1: {@link #CREDITS_SCHEMA} without {@code derived_from}. */
    public static final StructType CREDITS_SCHEMA_V1 = createStructType(Arrays.stream(CREDITS_SCHEMA.fields())
            .filter(f -> !f.name().equals(Columns.DERIVED_FROM))
            .toArray(StructField[]::new));

    public static final StructType CONTACTS_SCHEMA = createStructType(new StructField[] {
        field("contact_id", StringType),
        field("person_id", StringType),
        field("type", StringType),
        field("value", StringType),
        field(Columns.CORRUPT_RECORD, StringType)
    });

    public static final StructType PEOPLE_SCHEMA = createStructType(new StructField[] {
        field("person_id", StringType),
        field(
                "finance",
                struct(
                        field(
                                "accounts",
                                struct(
                                        field("checking", struct(field("balance", StringType))),
                                        field("savings", struct(field("balance", StringType))))),
                        field("repayment_history", StringType),
                        field(
                                "credits",
                                struct(
                                        field("this_bank", IntegerType),
                                        field("other_banks", IntegerType),
                                        field("other_stores", IntegerType))),
                        field("other_assets", StringType))),
        field(
                "personal",
                struct(
                        field("age", IntegerType),
                        field("gender", StringType),
                        field("relationship_status", StringType),
                        field("name", StringType))),
        field("dependents", createArrayType(struct(field("gender", StringType), field("name", StringType)))),
        field(
                "employment",
                struct(
                        field("type", StringType),
                        field("title", StringType),
                        field("duration", IntegerType),
                        field("permit", StringType))),
        field("residence", struct(field("type", StringType), field("duration", IntegerType))),
        field(Columns.CORRUPT_RECORD, StringType)
    });

    private RawLayout() {}

    private static StructField field(String name, DataType type) {
        return createStructField(name, type, true);
    }

    private static StructType struct(StructField... fields) {
        return createStructType(fields);
    }
}
