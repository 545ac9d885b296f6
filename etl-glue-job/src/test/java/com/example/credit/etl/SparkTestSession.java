package com.example.credit.etl;

import com.example.credit.etl.io.SparkSessions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The SparkSession of one test class: local[2], few shuffle partitions, the job's own settings. */
final class SparkTestSession {

    private SparkTestSession() {}

    static SparkSession start(Map<String, String> extraSettings) {
        SparkSession.Builder builder = SparkSession.builder()
                .appName("etl-tests")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                // Test inputs are tiny: a few shuffle partitions instead of 200 keep each job fast.
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.default.parallelism", "2");
        SparkSessions.settings(EtlOptions.of("unused-in", "unused-out")).forEach(builder::config);
        extraSettings.forEach(builder::config);
        return builder.getOrCreate();
    }
}
