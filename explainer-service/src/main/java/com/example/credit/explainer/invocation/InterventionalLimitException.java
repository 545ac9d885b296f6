package com.example.credit.explainer.invocation;

import java.math.BigInteger;

/**
 * An interventional request over the per-request limit of work, {@code explainer.max-interventional-work}: its records
 * times the reference's rows times the model's leaves (what one interventional explanation walks at most, per record
 * and reference row) exceed the limit, which keeps a request inside SageMaker's 60 s invocation limit.
 */
public class InterventionalLimitException extends InvocationException {

    private final int records;
    private final int referenceRows;
    private final long maxWork;
    private final long maxRecords;

    /**
     * @param reference the reference's name
     * @param records the records of the refused request
     * @param referenceRows the reference's rows
     * @param leaves the model's leaves (all trees)
     * @param maxWork the limit, in records × reference rows × leaves
     */
    public InterventionalLimitException(String reference, int records, int referenceRows, long leaves, long maxWork) {
        super("explanation_method=interventional against reference " + reference + " (" + referenceRows + " rows) for "
                + records + " records of a model of " + leaves + " leaves is " + records + " x " + referenceRows + " x "
                + leaves + " = "
                + BigInteger.valueOf(records)
                        .multiply(BigInteger.valueOf(referenceRows))
                        .multiply(BigInteger.valueOf(leaves))
                + " record-row-leaf walks, over the limit"
                + " of " + maxWork + " a request (explainer.max-interventional-work, which keeps a request inside"
                + " SageMaker's 60 s invocation limit): "
                + (maxRecords(referenceRows, leaves, maxWork) == 0
                        ? "this reference is too large to explain against with this model under the limit"
                        : "send at most " + maxRecords(referenceRows, leaves, maxWork)
                                + " records a request against this reference"));
        this.records = records;
        this.referenceRows = referenceRows;
        this.maxWork = maxWork;
        this.maxRecords = maxRecords(referenceRows, leaves, maxWork);
    }

    /** The most records one request may explain against a reference of that many rows with a model of that size. */
    public static long maxRecords(int referenceRows, long leaves, long maxWork) {
        return maxWork / ((long) referenceRows * leaves);
    }

    /** The records of the refused request. */
    public int records() {
        return records;
    }

    /** The rows of the reference it asked for. */
    public int referenceRows() {
        return referenceRows;
    }

    /** The limit, in records × reference rows × model leaves. */
    public long maxWork() {
        return maxWork;
    }

    /** The most records a request may explain against this reference. */
    public long maxRecords() {
        return maxRecords;
    }
}
