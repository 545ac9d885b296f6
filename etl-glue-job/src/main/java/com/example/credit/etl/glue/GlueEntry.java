package com.example.credit.etl.glue;

import com.example.credit.etl.EtlJob;
import com.example.credit.etl.EtlResult;

/**
 * Main class of the AWS Glue 5.0 job (Spark 3.5, Java 17): reads the Glue job parameters and runs
 * the same job as {@link EtlJob}. Needs no Glue library; Glue provides Spark, Hadoop and S3 access.
 */
public final class GlueEntry {

    private GlueEntry() {}

    public static void main(String[] args) {
        // Glue reports a job as failed when main throws, so errors propagate with their message.
        EtlResult result = EtlJob.run(GlueArguments.parse(args));
        System.out.printf("etl: wrote %d train and %d test rows%n", result.trainRows(), result.testRows());
    }
}
