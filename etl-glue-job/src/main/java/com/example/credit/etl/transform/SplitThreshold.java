package com.example.credit.etl.transform;

import java.util.Objects;

/**
 * The last test row of a label class in (split hash, row id) order: every row of the class at or
 * before it goes to test.
 *
 * @param label the label value of the class
 * @param hash split hash of the last test row
 * @param rowId row id of the last test row (breaks ties between equal hashes)
 */
public record SplitThreshold(boolean label, long hash, String rowId) {

    public SplitThreshold {
        Objects.requireNonNull(rowId, "rowId");
    }
}
