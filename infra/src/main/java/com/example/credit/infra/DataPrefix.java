package com.example.credit.infra;

/**
 * The fixed key layout of the data bucket. Every IAM grant of the app is scoped to one or more of these
 * prefixes, so the layout is part of the security model as much as of the data contracts.
 */
public enum DataPrefix {
    /** Datagen output roots (credits/, people/, contacts/, _SUCCESS). */
    RAW("raw"),
    /** ETL output roots: the training channels and the schemas. */
    PREPARED("prepared"),
    /** SageMaker training output (model.tar.gz) and the model data the endpoint loads. */
    MODELS("models"),
    /** Batch Transform input files. */
    BATCH_INPUT("batch/input"),
    /** Batch Transform output files (.out). */
    BATCH_OUTPUT("batch/output"),
    /** Scratch space (Glue's TempDir); a lifecycle rule expires it. */
    TEMP("temp"),
    /** Pipeline run records ({@code runs/<run-id>/run.json}), written by {@code run-pipeline.sh --target aws}. */
    RUNS("runs"),
    /**
     * Sampled endpoint requests and responses (SageMaker data capture, off by default); a lifecycle rule expires
     * them.
     */
    DATA_CAPTURE("datacapture");

    private final String key;

    DataPrefix(String key) {
        this.key = key;
    }

    /** The key prefix without a trailing slash, e.g. {@code batch/input}. */
    public String key() {
        return key;
    }

    /** The object pattern below the prefix, e.g. {@code raw/*}, for IAM resources and list conditions. */
    public String objects() {
        return key + "/*";
    }

    /** The {@code s3://} URI of the prefix in the named bucket, with a trailing slash. */
    public String uri(String bucketName) {
        return "s3://" + bucketName + "/" + key + "/";
    }
}
