package com.example.credit.infra.etl;

import java.nio.file.Path;
import java.util.Objects;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * What the ETL stack needs besides the CDK stack properties.
 *
 * @param bucket the data bucket (reads raw/, writes prepared/ and temp/)
 * @param etlJar the job jar of module etl-glue-job, passed to Glue with {@code --extra-jars}
 * @param entryScript the thin Scala script {@code GlueApp.scala} that hands Glue's arguments to the jar
 * @param workers number of G.1X workers (2 to 100; 2 is Glue's minimum and fits up to a few million rows)
 */
public record EtlProps(IBucket bucket, Path etlJar, Path entryScript, int workers) {

    public static final int DEFAULT_WORKERS = 2;

    public EtlProps {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(etlJar, "etlJar");
        Objects.requireNonNull(entryScript, "entryScript");
        if (workers < 2 || workers > 100) {
            throw new IllegalArgumentException("workers " + workers + " is invalid: must be in [2, 100]");
        }
    }
}
