package com.example.credit.etl.io;

import com.example.credit.etl.EtlOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the job's SparkSession: master, serializer, time zone and the s3a settings. */
public final class SparkSessions {

    /** Master used when neither the options nor spark-submit name one. */
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkSessions() {}

    /** A session for the options, or the running one (e.g. on Glue) with the settings added. */
    public static SparkSession create(EtlOptions options) {
        SparkSession.Builder builder = SparkSession.builder().appName("credit-etl");
        String master = options.master().orElseGet(() -> new SparkConf().get("spark.master", DEFAULT_MASTER));
        builder.master(master);
        settings(options).forEach(builder::config);
        if (master.startsWith("local")) {
            // Nobody looks at the UI of a local batch run; it only costs memory and a port.
            builder.config("spark.ui.enabled", "false");
        }
        return builder.getOrCreate();
    }

    /** The settings the job sets on any session: kryo, UTC, s3a endpoint and addressing, extra conf. */
    public static Map<String, String> settings(EtlOptions options) {
        Map<String, String> settings = new LinkedHashMap<>();
        // Rows cross one RDD shuffle (the row id range partitioning); kryo keeps that compact.
        settings.put("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        settings.put("spark.sql.session.timeZone", "UTC");
        settings.put("spark.hadoop.fs.s3a.path.style.access", Boolean.toString(options.s3PathStyleAccess()));
        options.s3Endpoint().ifPresent(endpoint -> {
            settings.put("spark.hadoop.fs.s3a.endpoint", endpoint);
            settings.put("spark.hadoop.fs.s3a.connection.ssl.enabled", Boolean.toString(endpoint.startsWith("https")));
        });
        settings.putAll(options.sparkConf());
        return settings;
    }
}
