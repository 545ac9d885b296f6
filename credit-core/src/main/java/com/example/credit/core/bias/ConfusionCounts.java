package com.example.credit.core.bias;

/**
 * The confusion matrix of one group with the favourable outcome (no default) as "positive", as Clarify counts it:
 * an observed repayment the model approves is a true positive, an observed default it approves a false positive.
 * "Approves" means the predicted probability of default is below the analysis's threshold.
 *
 * @param truePositives repaid and approved
 * @param falsePositives defaulted and approved
 * @param falseNegatives repaid and rejected
 * @param trueNegatives defaulted and rejected
 */
public record ConfusionCounts(long truePositives, long falsePositives, long falseNegatives, long trueNegatives) {

    public ConfusionCounts {
        if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0 || trueNegatives < 0) {
            throw new BiasException("confusion counts must not be negative; got TP " + truePositives + ", FP "
                    + falsePositives + ", FN " + falseNegatives + ", TN " + trueNegatives);
        }
    }

    /** The rows the model approves ({@code n'(1)}). */
    public long predictedFavourable() {
        return truePositives + falsePositives;
    }

    /** The rows the model rejects ({@code n'(0)}). */
    public long predictedUnfavourable() {
        return falseNegatives + trueNegatives;
    }

    /** The rows that repaid ({@code n(1)}). */
    public long favourable() {
        return truePositives + falseNegatives;
    }

    /** The rows that defaulted ({@code n(0)}). */
    public long unfavourable() {
        return falsePositives + trueNegatives;
    }

    /** All rows. */
    public long rows() {
        return truePositives + falsePositives + falseNegatives + trueNegatives;
    }
}
