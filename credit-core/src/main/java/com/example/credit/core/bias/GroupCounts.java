package com.example.credit.core.bias;

import java.util.Objects;
import java.util.Optional;

/**
 * What a bias metric counts in one group (the facet, or everyone else).
 *
 * @param rows the group's rows ({@code n_d} or {@code n_a})
 * @param favourable of them, the rows that repaid ({@code n(1)}: observed favourable outcomes)
 * @param predictions the group's confusion matrix after training; empty before
 */
public record GroupCounts(long rows, long favourable, Optional<ConfusionCounts> predictions) {

    public GroupCounts {
        Objects.requireNonNull(predictions, "predictions");
        if (rows < 0 || favourable < 0 || favourable > rows) {
            throw new BiasException(
                    "a group needs 0 <= favourable <= rows; got " + favourable + " favourable of " + rows + " rows");
        }
        predictions.ifPresent(confusion -> {
            if (confusion.rows() != rows || confusion.favourable() != favourable) {
                throw new BiasException("the confusion matrix " + confusion + " does not add up to " + rows
                        + " rows with " + favourable + " favourable");
            }
        });
    }

    /** The rows that defaulted ({@code n(0)}). */
    public long unfavourable() {
        return rows - favourable;
    }
}
