package com.example.credit.core.bias;

import static com.example.credit.core.bias.BiasMetrics.OTHERS;
import static com.example.credit.core.bias.BiasMetrics.accuracy;
import static com.example.credit.core.bias.BiasMetrics.approvalRate;
import static com.example.credit.core.bias.BiasMetrics.confusion;
import static com.example.credit.core.bias.BiasMetrics.rate;

import java.util.Locale;

/**
 * The plain-language reading of a metric's value: the figures it comes from, then which group it favours and by how
 * much. "Favoured" always means treated more leniently: a higher share of repayments in the labels, a higher
 * approval rate, more approvals or fewer rejections than the group's observed outcomes support. The observed labels
 * are taken as the truth the model is judged against (they are outcomes, not past decisions), which is why a few
 * readings run opposite to wording on Clarify's pages (see docs/fairness.md).
 */
final class Readings {

    /** Differences smaller than this read as "no difference" (float noise of equal rates). */
    private static final double TIE = 1e-12;

    private Readings() {}

    static String of(BiasMetric metric, String facet, FacetCounts counts, double value, String groupVariable) {
        GroupCounts d = counts.facet();
        GroupCounts a = counts.others();
        return switch (metric) {
            case CI -> classImbalance(facet, d.rows(), a.rows(), value);
            case DPL ->
                "Share that repaid: " + facet + " " + percent(rate(d)) + ", " + OTHERS + " " + percent(rate(a)) + "; "
                        + favoured(value, OTHERS, facet, points(value));
            case KL, JS, LP, TVD, KS ->
                "Share that repaid: " + facet + " " + percent(rate(d)) + ", " + OTHERS + " "
                        + percent(rate(a)) + "; by this measure the two label distributions are " + number(value)
                        + " apart (0: identical)"
                        + (sign(value) == 0
                                ? "."
                                : "; the labels favour " + (rate(a) > rate(d) ? OTHERS : facet) + ".");
            case CDDL -> disparity(facet, groupVariable, value, "defaults", "repayments");
            case CDDPL -> disparity(facet, groupVariable, value, "rejections", "approvals");
            case DPPL ->
                "Approval rate: " + facet + " " + percent(approvalRate(d)) + ", " + OTHERS + " "
                        + percent(approvalRate(a)) + "; " + favoured(value, OTHERS, facet, points(value));
            case DI -> disparateImpact(facet, approvalRate(d), approvalRate(a), value);
            case DCA ->
                "Observed repayments per approval: " + facet + " "
                        + number((double) confusion(d).favourable()
                                / confusion(d).predictedFavourable()) + ", " + OTHERS
                        + " "
                        + number((double) confusion(a).favourable()
                                / confusion(a).predictedFavourable())
                        + " (the lower, the more readily the model approves the group for how it repaid); "
                        + favoured(value, facet, OTHERS, number(Math.abs(value)));
            case DCR ->
                "Observed defaults per rejection: " + facet + " "
                        + number((double) confusion(d).unfavourable()
                                / confusion(d).predictedUnfavourable()) + ", "
                        + OTHERS + " "
                        + number((double) confusion(a).unfavourable()
                                / confusion(a).predictedUnfavourable())
                        + " (the higher, the more sparingly the model rejects the group for how it defaulted); "
                        + favoured(value, facet, OTHERS, number(Math.abs(value)));
            case RD ->
                "Of those who repaid, the model approves "
                        + pair(
                                facet,
                                confusion(d).truePositives(),
                                confusion(d).favourable(),
                                confusion(a).truePositives(),
                                confusion(a).favourable())
                        + "; " + favoured(value, OTHERS, facet, points(value));
            case SD ->
                "Of those who defaulted, the model rejects "
                        + pair(
                                facet,
                                confusion(d).trueNegatives(),
                                confusion(d).unfavourable(),
                                confusion(a).trueNegatives(),
                                confusion(a).unfavourable())
                        + " (the lower share is the more lenient); " + favoured(value, OTHERS, facet, points(value));
            case DAR ->
                "Of those approved, "
                        + pair(
                                facet,
                                confusion(d).truePositives(),
                                confusion(d).predictedFavourable(),
                                confusion(a).truePositives(),
                                confusion(a).predictedFavourable())
                        + " repaid (the lower share is the more lenient); "
                        + favoured(value, facet, OTHERS, points(value));
            case DRR ->
                "Of those rejected, "
                        + pair(
                                facet,
                                confusion(d).trueNegatives(),
                                confusion(d).predictedUnfavourable(),
                                confusion(a).trueNegatives(),
                                confusion(a).predictedUnfavourable())
                        + " defaulted (the lower share turns away more who repaid); "
                        + favoured(value, facet, OTHERS, points(value));
            case AD ->
                "The model's decision matches the outcome for " + percent(accuracy(confusion(d))) + " of "
                        + facet + " and " + percent(accuracy(confusion(a))) + " of " + OTHERS + "; "
                        + (sign(value) == 0
                                ? "it is equally accurate for both."
                                : "it is more accurate for " + (value > 0 ? OTHERS : facet) + ", by " + points(value)
                                        + ".");
            case TE ->
                "Wrongful rejections per wrongful approval: " + facet + " "
                        + number((double) confusion(d).falseNegatives()
                                / confusion(d).falsePositives()) + ", " + OTHERS
                        + " "
                        + number((double) confusion(a).falseNegatives()
                                / confusion(a).falsePositives()) + "; "
                        + (sign(value) == 0
                                ? "the errors lean the same way for both."
                                : "the errors go against " + (value > 0 ? facet : OTHERS) + " more often, by "
                                        + number(Math.abs(value)) + ".");
            case FT -> throw new BiasException("FT has no value to read");
        };
    }

    /** The reading of a metric without a value. */
    static String notComputed(String reason) {
        return "Not computed: " + reason + ".";
    }

    /** A share as a percentage with one decimal: {@code 66.7%}. */
    static String percent(double share) {
        return noNegativeZero(String.format(Locale.ROOT, "%.1f%%", 100 * share));
    }

    private static String classImbalance(String facet, long nd, long na, double value) {
        if (nd == 0) {
            return facet + " has no rows; all " + na + " rows belong to " + OTHERS + ".";
        }
        if (na == 0) {
            return "All " + nd + " rows are in " + facet + ".";
        }
        String counts = nd + " rows against " + na + " for " + OTHERS + ".";
        return switch (sign(value)) {
            case 1 -> facet + " is the smaller group: " + counts;
            case -1 -> facet + " is the larger group: " + counts;
            default -> facet + " and " + OTHERS + " have " + nd + " rows each.";
        };
    }

    private static String disparity(
            String facet, String groupVariable, double value, String unfavourable, String favourable) {
        String within = "Within the groups of " + groupVariable + " (weighted by size), " + facet + " holds ";
        return switch (sign(value)) {
            case 1 ->
                within + "a larger share of the " + unfavourable + " than of the " + favourable
                        + "; the favoured group is " + OTHERS + ", by " + points(value) + ".";
            case -1 ->
                within + "a smaller share of the " + unfavourable + " than of the " + favourable
                        + "; the favoured group is " + facet + ", by " + points(value) + ".";
            default ->
                within + "the same share of the " + unfavourable + " as of the " + favourable
                        + "; neither group is favoured.";
        };
    }

    private static String disparateImpact(String facet, double facetRate, double othersRate, double value) {
        String rates = " (" + percent(facetRate) + " against " + percent(othersRate) + ")";
        if (facetRate == 0) {
            return facet + " gets no approvals" + rates + "; the favoured group is " + OTHERS + ".";
        }
        String times = facet + " is approved at " + number(value) + " times the rate of " + OTHERS + rates + "; ";
        return switch (sign(value - 1)) {
            case -1 -> times + "the favoured group is " + OTHERS + ", by a factor of " + number(1 / value) + ".";
            case 1 -> times + "the favoured group is " + facet + ", by a factor of " + number(value) + ".";
            default -> times + "neither group is favoured.";
        };
    }

    /** {@code "4 of 5 (80.0%) of F and 3 of 6 (50.0%) of everyone else"}. */
    private static String pair(String facet, long facetPart, long facetWhole, long othersPart, long othersWhole) {
        return facetPart + " of " + facetWhole + " (" + percent((double) facetPart / facetWhole) + ") of " + facet
                + " and " + othersPart + " of " + othersWhole + " (" + percent((double) othersPart / othersWhole)
                + ") of " + OTHERS;
    }

    /** "the favoured group is X, by Y." with X the group a positive value favours; at 0 "neither group is favoured." */
    private static String favoured(double value, String whenPositive, String whenNegative, String by) {
        return switch (sign(value)) {
            case 1 -> "the favoured group is " + whenPositive + ", by " + by + ".";
            case -1 -> "the favoured group is " + whenNegative + ", by " + by + ".";
            default -> "neither group is favoured.";
        };
    }

    private static String points(double difference) {
        return noNegativeZero(String.format(Locale.ROOT, "%.1f", 100 * Math.abs(difference))) + " percentage points";
    }

    private static String number(double value) {
        return noNegativeZero(String.format(Locale.ROOT, "%.3f", value));
    }

    private static int sign(double value) {
        return Math.abs(value) < TIE ? 0 : (value > 0 ? 1 : -1);
    }

    private static String noNegativeZero(String formatted) {
        return formatted.matches("-0\\.0*%?") ? formatted.substring(1) : formatted;
    }
}
