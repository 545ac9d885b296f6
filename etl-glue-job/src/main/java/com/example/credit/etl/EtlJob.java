package com.example.credit.etl;

import com.example.credit.etl.io.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point for spark-submit and local runs: {@code --input R --output P [--seed 42] [--test-fraction
 * 0.2] [--master local[*]] [--max-rejected-fraction 0]}; see {@link EtlArguments#USAGE}.
 */
public final class EtlJob {

    private EtlJob() {}

    public static void main(String[] args) {
        if (EtlArguments.wantsHelp(args)) {
            System.out.print(EtlArguments.USAGE);
            return;
        }
        EtlOptions options;
        try {
            options = EtlArguments.parse(args);
        } catch (InvalidOptionException e) {
            System.err.println("etl: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            EtlResult result = run(options);
            System.out.printf(
                    "etl: wrote %d train and %d test rows to %s%n",
                    result.trainRows(), result.testRows(), options.output());
        } catch (EtlException e) {
            System.err.println("etl failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs the job on a session built from the options, and stops the session afterwards. */
    public static EtlResult run(EtlOptions options) {
        SparkSession spark = SparkSessions.create(options);
        try {
            return new EtlPipeline(spark).run(options);
        } finally {
            spark.stop();
        }
    }
}
