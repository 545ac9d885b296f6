package com.example.credit.batch.job;

/** SageMaker's {@code BatchStrategy}. How many records go into one request. */
public enum BatchStrategy {
    /** {@code SingleRecord}: one record per request. */
    SINGLE_RECORD("SingleRecord"),
    /** {@code MultiRecord}: as many records as fit into MaxPayloadInMB. */
    MULTI_RECORD("MultiRecord");

    private final String wireName;

    BatchStrategy(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling SageMaker's API uses. */
    public String wireName() {
        return wireName;
    }

    /** Parses SageMaker's spelling; the message of a failure names {@code field} and the allowed values. */
    public static BatchStrategy parse(String field, String value) {
        return WireNames.parse(BatchStrategy.class, BatchStrategy::wireName, field, value);
    }
}
