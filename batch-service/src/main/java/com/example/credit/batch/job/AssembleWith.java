package com.example.credit.batch.job;

/** SageMaker's {@code AssembleWith}. How the outputs of one file are put together. */
public enum AssembleWith {
    /** {@code None}: outputs are concatenated as the container returned them. */
    NONE("None"),
    /** {@code Line}: one output per line, joined with newlines. */
    LINE("Line");

    private final String wireName;

    AssembleWith(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling SageMaker's API uses. */
    public String wireName() {
        return wireName;
    }

    /** Parses SageMaker's spelling; the message of a failure names {@code field} and the allowed values. */
    public static AssembleWith parse(String field, String value) {
        return WireNames.parse(AssembleWith.class, AssembleWith::wireName, field, value);
    }
}
