package com.example.credit.etl;

import com.example.credit.etl.io.SparkSessions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the test JVM: local[2], few shuffle partitions, the job's own settings. Started by the
 * first test class that needs it and shared by all of them (surefire runs every class in one reused fork);
 * Spark's shutdown hook stops it when the JVM exits.
 */
final class SparkTestSession {

    private static final String HADOOP_PREFIX = "spark.hadoop.";

    private static SparkSession shared;

    private SparkTestSession() {}

    static synchronized SparkSession shared() {
        if (shared == null) {
            SparkSession.Builder builder = SparkSession.builder()
                    .appName("etl-tests")
                    .master("local[2]")
                    .config("spark.ui.enabled", "false")
                    // Test inputs are tiny: a few shuffle partitions instead of 200 keep each job fast.
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.default.parallelism", "2");
            SparkSessions.settings(EtlOptions.of("unused-in", "unused-out")).forEach(builder::config);
            shared = builder.getOrCreate();
        }
        return shared;
    }

    /**
     * Gives the shared session the Hadoop settings ({@code spark.hadoop.*}) that {@link SparkSessions#settings}
     * derives from the options, as Spark does for a session it starts with them, until the returned handle is
     * closed. s3a file systems are cached per bucket with the settings they were opened with, so each test class
     * uses a bucket of its own.
     *
     * @throws IllegalArgumentException when the options need another value of a setting that is not Hadoop's
     */
    static HadoopSettings hadoopSettings(EtlOptions options) {
        SparkSession spark = shared();
        Map<String, String> hadoop = new LinkedHashMap<>();
        SparkSessions.settings(options).forEach((key, value) -> {
            if (key.startsWith(HADOOP_PREFIX)) {
                hadoop.put(key.substring(HADOOP_PREFIX.length()), value);
            } else if (!value.equals(spark.conf().get(key, null))) {
                throw new IllegalArgumentException("the shared test session has " + key + "="
                        + spark.conf().get(key, null) + ", not " + value);
            }
        });
        return new HadoopSettings(spark.sparkContext().hadoopConfiguration(), hadoop);
    }

    /** Hadoop settings of one test class, restored to their former values on {@link #close()}. */
    static final class HadoopSettings implements AutoCloseable {

        private final Configuration configuration;
        private final Map<String, String> previous = new LinkedHashMap<>();

        private HadoopSettings(Configuration configuration, Map<String, String> settings) {
            this.configuration = configuration;
            settings.forEach((key, value) -> {
                previous.put(key, configuration.get(key));
                configuration.set(key, value);
            });
        }

        @Override
        public void close() {
            previous.forEach((key, value) -> {
                if (value == null) {
                    configuration.unset(key);
                } else {
                    configuration.set(key, value);
                }
            });
        }
    }
}
