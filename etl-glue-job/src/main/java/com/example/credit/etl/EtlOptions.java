package com.example.credit.etl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one ETL run needs to know.
 *
 * @param input raw dataset root R (local path, file:, s3a: or s3: URI)
 * @param output prepared dataset root P
 * @param seed seed of the train/test split
 * @param testFraction share of each label class that goes to test, in (0, 1)
 * @param master Spark master; empty to take it from spark-submit or default to local[*]
 * @param maxRejectedFraction largest share of rejected records per raw file before the job fails
 * @param rowsPerFile target rows per output part file; sets the number of partitions
 * @param s3Endpoint s3a endpoint (S3-compatible stores); empty for AWS
 * @param s3PathStyleAccess whether s3a addresses buckets by path instead of by host name
 * @param sparkConf further Spark settings, e.g. {@code spark.hadoop.fs.s3a.access.key}
 */
public record EtlOptions(
        String input,
        String output,
        long seed,
        double testFraction,
        Optional<String> master,
        double maxRejectedFraction,
        long rowsPerFile,
        Optional<String> s3Endpoint,
        boolean s3PathStyleAccess,
        Map<String, String> sparkConf) {

    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_TEST_FRACTION = 0.2;
    public static final long DEFAULT_ROWS_PER_FILE = 1_000_000;

    public EtlOptions {
        requireText(input, "input");
        requireText(output, "output");
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(s3Endpoint, "s3Endpoint");
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new InvalidOptionException("test fraction " + testFraction + " must lie strictly between 0 and 1");
        }
        if (!(maxRejectedFraction >= 0 && maxRejectedFraction <= 1)) {
            throw new InvalidOptionException("max rejected fraction " + maxRejectedFraction + " must lie in [0, 1]");
        }
        if (rowsPerFile < 1) {
            throw new InvalidOptionException("rows per file " + rowsPerFile + " must be at least 1");
        }
        if (stripSlash(input).equals(stripSlash(output))) {
            throw new InvalidOptionException("output " + output + " must differ from input " + input);
        }
        sparkConf = Map.copyOf(sparkConf);
    }

    /** Options with every default: seed 42, test fraction 0.2, no rejections allowed. */
    public static EtlOptions of(String input, String output) {
        return new EtlOptions(
                input,
                output,
                DEFAULT_SEED,
                DEFAULT_TEST_FRACTION,
                Optional.empty(),
                0.0,
                DEFAULT_ROWS_PER_FILE,
                Optional.empty(),
                false,
                Map.of());
    }

    public EtlOptions withSeed(long newSeed) {
        return new EtlOptions(
                input,
                output,
                newSeed,
                testFraction,
                master,
                maxRejectedFraction,
                rowsPerFile,
                s3Endpoint,
                s3PathStyleAccess,
                sparkConf);
    }

    public EtlOptions withOutput(String newOutput) {
        return new EtlOptions(
                input,
                newOutput,
                seed,
                testFraction,
                master,
                maxRejectedFraction,
                rowsPerFile,
                s3Endpoint,
                s3PathStyleAccess,
                sparkConf);
    }

    public EtlOptions withMaxRejectedFraction(double fraction) {
        return new EtlOptions(
                input,
                output,
                seed,
                testFraction,
                master,
                fraction,
                rowsPerFile,
                s3Endpoint,
                s3PathStyleAccess,
                sparkConf);
    }

    public EtlOptions withRowsPerFile(long rows) {
        return new EtlOptions(
                input,
                output,
                seed,
                testFraction,
                master,
                maxRejectedFraction,
                rows,
                s3Endpoint,
                s3PathStyleAccess,
                sparkConf);
    }

    /** Reads and writes through an S3-compatible store at {@code endpoint}, addressing buckets by path. */
    public EtlOptions withS3Endpoint(String endpoint) {
        return new EtlOptions(
                input,
                output,
                seed,
                testFraction,
                master,
                maxRejectedFraction,
                rowsPerFile,
                Optional.of(endpoint),
                true,
                sparkConf);
    }

    /** Adds one Spark setting. */
    public EtlOptions withSparkConf(String key, String value) {
        Map<String, String> conf = new LinkedHashMap<>(sparkConf);
        conf.put(key, value);
        return new EtlOptions(
                input,
                output,
                seed,
                testFraction,
                master,
                maxRejectedFraction,
                rowsPerFile,
                s3Endpoint,
                s3PathStyleAccess,
                conf);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new InvalidOptionException(name + " is required");
        }
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
