package com.example.credit.explainer.invocation;

/**
 * An interventional request over the per-request limit: its records times the reference's rows exceed
 * {@code explainer.max-interventional-pairs}, which keeps one request well inside SageMaker's 60 s invocation limit.
 */
public class InterventionalLimitException extends InvocationException {

    private final int records;
    private final int referenceRows;
    private final long maxPairs;

    public InterventionalLimitException(String reference, int records, int referenceRows, long maxPairs) {
        super("explanation_method=interventional against reference " + reference + " (" + referenceRows
                + " rows) for " + records + " records is " + (long) records * referenceRows + " record-reference"
                + " pairs, over the limit of " + maxPairs + " pairs a request (explainer.max-interventional-pairs,"
                + " which keeps a request inside SageMaker's 60 s invocation limit): send at most "
                + maxRecords(referenceRows, maxPairs) + " records a request against this reference");
        this.records = records;
        this.referenceRows = referenceRows;
        this.maxPairs = maxPairs;
    }

    /** The most records one request may explain against a reference of that many rows. */
    public static long maxRecords(int referenceRows, long maxPairs) {
        return maxPairs / referenceRows;
    }

    /** The records of the refused request. */
    public int records() {
        return records;
    }

    /** The rows of the reference it asked for. */
    public int referenceRows() {
        return referenceRows;
    }

    /** The limit, in record-reference pairs a request. */
    public long maxPairs() {
        return maxPairs;
    }
}
