package com.example.credit.core.metrics;

/**
 * One bin of a reliability table (calibration): the rows whose predicted probability of default falls in
 * {@code [lower, upper)} (the last bin includes 1), how many there are, their mean predicted probability and the
 * share of them that defaulted. A calibrated model has {@code observedRate} close to {@code meanPredicted} in
 * every bin with enough rows.
 *
 * @param lower the bin's lower edge
 * @param upper the bin's upper edge
 * @param count the rows in the bin
 * @param meanPredicted their mean predicted probability; NaN when the bin is empty (written as null)
 * @param observedRate the share of them that defaulted; NaN when the bin is empty (written as null)
 */
public record ReliabilityBin(double lower, double upper, long count, double meanPredicted, double observedRate) {

    public ReliabilityBin {
        if (!(lower >= 0 && lower < upper && upper <= 1)) {
            throw new IllegalArgumentException("bin [" + lower + ", " + upper + ") must lie within [0, 1]");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count is " + count + ", must not be negative");
        }
        if (count == 0 != (Double.isNaN(meanPredicted) && Double.isNaN(observedRate))) {
            throw new IllegalArgumentException("an empty bin has NaN means and a filled one has numbers; got count "
                    + count + ", mean predicted " + meanPredicted + ", observed rate " + observedRate);
        }
    }
}
