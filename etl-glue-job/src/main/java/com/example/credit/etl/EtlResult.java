package com.example.credit.etl;

import java.util.Objects;

/**
 * What a successful run wrote.
 *
 * @param trainRows rows in data_train (and label_train, protected_train)
 * @param testRows rows in data_test (and label_test, protected_test)
 * @param partFiles part files per output
 * @param rejections the rejection report written to P/_rejections.json
 */
public record EtlResult(long trainRows, long testRows, int partFiles, RejectionReport rejections) {

    public EtlResult {
        Objects.requireNonNull(rejections, "rejections");
        if (trainRows < 0 || testRows < 0 || partFiles < 1) {
            throw new IllegalArgumentException("row counts (" + trainRows + ", " + testRows
                    + ") must be non-negative and part files (" + partFiles + ") positive");
        }
    }
}
