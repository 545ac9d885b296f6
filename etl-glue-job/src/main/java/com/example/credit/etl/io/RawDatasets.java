package com.example.credit.etl.io;

import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The three raw datasets as parsed by {@link RawDatasetReader}; each carries the column {@code
 * _corrupt_record}, set for lines Spark could not parse.
 *
 * @param credits rows of credits/*.csv
 * @param people rows of people/*.jsonl
 * @param contacts rows of contacts/*.csv
 */
public record RawDatasets(Dataset<Row> credits, Dataset<Row> people, Dataset<Row> contacts) {

    public RawDatasets {
        Objects.requireNonNull(credits, "credits");
        Objects.requireNonNull(people, "people");
        Objects.requireNonNull(contacts, "contacts");
    }
}
