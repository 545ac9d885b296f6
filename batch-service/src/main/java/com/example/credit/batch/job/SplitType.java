package com.example.credit.batch.job;

/** SageMaker's {@code SplitType}. How an input file is cut into records. */
public enum SplitType {
    /** {@code None}: the whole file is one record. */
    NONE("None"),
    /** {@code Line}: every line is one record. */
    LINE("Line");

    private final String wireName;

    SplitType(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling SageMaker's API uses. */
    public String wireName() {
        return wireName;
    }

    /** Parses SageMaker's spelling; the message of a failure names {@code field} and the allowed values. */
    public static SplitType parse(String field, String value) {
        return WireNames.parse(SplitType.class, SplitType::wireName, field, value);
    }
}
