package com.example.credit.batch.job;

/** SageMaker's {@code JoinSource}. What the output of a record is joined with. */
public enum JoinSource {
    /** {@code None}: the output alone. */
    NONE("None"),
    /** {@code Input}: the input record and its output. */
    INPUT("Input");

    private final String wireName;

    JoinSource(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling SageMaker's API uses. */
    public String wireName() {
        return wireName;
    }

    /** Parses SageMaker's spelling; the message of a failure names {@code field} and the allowed values. */
    public static JoinSource parse(String field, String value) {
        return WireNames.parse(JoinSource.class, JoinSource::wireName, field, value);
    }
}
