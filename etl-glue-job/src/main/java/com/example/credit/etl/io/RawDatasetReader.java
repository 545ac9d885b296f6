package com.example.credit.etl.io;

import static org.apache.spark.sql.functions.lit;

import com.example.credit.etl.ValidationException;
import com.example.credit.etl.transform.Columns;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a raw dataset root R (local folder or s3a://bucket/prefix) written by datagen. Requires
 * R/_SUCCESS with a known manifest version, checks the CSV headers, and parses every file with an
 * explicit schema in PERMISSIVE mode so that malformed lines are kept and marked, not dropped.
 */
public final class RawDatasetReader {

    private final SparkSession spark;

    public RawDatasetReader(SparkSession spark) {
        this.spark = spark;
    }

    /** The three datasets under {@code root}; fails when the dataset is absent, incomplete or unknown. */
    public RawDatasets read(String root) {
        Path rootPath = new Path(root);
        HadoopFiles files = new HadoopFiles(rootPath, spark.sparkContext().hadoopConfiguration());
        int format = checkManifest(files, new Path(rootPath, RawLayout.SUCCESS));
        List<Path> credits = dataFiles(files, rootPath, RawLayout.CREDITS_DIR, ".csv");
        List<Path> people = dataFiles(files, rootPath, RawLayout.PEOPLE_DIR, ".jsonl");
        List<Path> contacts = dataFiles(files, rootPath, RawLayout.CONTACTS_DIR, ".csv");
        List<String> creditsHeader = format == 1 ? RawLayout.CREDITS_HEADER_V1 : RawLayout.CREDITS_HEADER;
        credits.forEach(path -> checkHeader(files, path, creditsHeader));
        Dataset<Row> creditRows = format == 1
                ? csv(RawLayout.CREDITS_SCHEMA_V1)
                        .csv(names(credits))
                        .withColumn(Columns.DERIVED_FROM, lit(null).cast(DataTypes.IntegerType))
                : csv(RawLayout.CREDITS_SCHEMA).csv(names(credits));
        contacts.forEach(path -> checkHeader(files, path, RawLayout.CONTACTS_HEADER));
        return new RawDatasets(
                creditRows,
                permissive(RawLayout.PEOPLE_SCHEMA).json(names(people)),
                csv(RawLayout.CONTACTS_SCHEMA).csv(names(contacts)));
    }

    /** The manifest's format version, one this build reads. */
    private static int checkManifest(HadoopFiles files, Path success) {
        if (!files.exists(success)) {
            throw new ValidationException("raw dataset " + success.getParent() + " has no " + RawLayout.SUCCESS
                    + " marker: datagen writes it last, so the dataset is absent or still being written");
        }
        JsonNode manifest;
        try {
            manifest = new ObjectMapper().readTree(files.read(success));
        } catch (IOException e) {
            throw new ValidationException(success + " is not a JSON manifest: " + e.getMessage(), e);
        }
        int version = manifest == null ? -1 : manifest.path("format_version").asInt(-1);
        if (!RawLayout.READABLE_FORMATS.contains(version)) {
            throw new ValidationException("unknown raw dataset format " + version + " in " + success
                    + ", this build reads " + RawLayout.READABLE_FORMATS);
        }
        return version;
    }

    private static List<Path> dataFiles(HadoopFiles files, Path root, String folder, String extension) {
        Path dir = new Path(root, folder);
        List<Path> found = files.list(dir, path -> path.getName().endsWith(extension));
        if (found.isEmpty()) {
            throw new ValidationException("raw dataset folder " + dir + " holds no *" + extension + " file");
        }
        return found;
    }

    private static void checkHeader(HadoopFiles files, Path file, List<String> expected) {
        List<String> header = List.of(files.firstLine(file).split(",", -1));
        for (String column : expected) {
            if (!header.contains(column)) {
                throw new ValidationException(
                        file + " lacks the column '" + column + "' (header: " + String.join(",", header) + ")");
            }
        }
        // Columns are read by position, so the order must match too.
        if (!header.equals(expected)) {
            throw new ValidationException(file + " has the header " + String.join(",", header) + ", expected exactly "
                    + String.join(",", expected));
        }
    }

    private DataFrameReader csv(StructType schema) {
        // RFC 4180 quoting: a quote inside a quoted value is written twice.
        return permissive(schema)
                .option("header", "true")
                .option("quote", "\"")
                .option("escape", "\"")
                .option("multiLine", "false");
    }

    private DataFrameReader permissive(StructType schema) {
        return spark.read()
                .schema(schema)
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", Columns.CORRUPT_RECORD);
    }

    private static String[] names(List<Path> paths) {
        return paths.stream().map(Path::toString).toArray(String[]::new);
    }
}
