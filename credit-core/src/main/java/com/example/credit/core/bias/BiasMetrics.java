package com.example.credit.core.bias;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The formulas of {@link BiasMetric}, on counts. Group <em>d</em> is the facet, <em>a</em> everyone else; both have
 * rows (the caller reports an empty group before calling, except for CI). Each method either returns a finite value
 * or says which count was zero.
 */
final class BiasMetrics {

    static final String OTHERS = "everyone else";

    private BiasMetrics() {}

    /** {@code CI = (n_a - n_d) / (n_a + n_d)}; needs at least one row in all. */
    static Outcome classImbalance(FacetCounts counts, String facet) {
        long na = counts.others().rows();
        long nd = counts.facet().rows();
        double ci = (double) (na - nd) / (na + nd);
        if (nd == 0) {
            return Outcome.of(ci, List.of(emptyFacet(facet)));
        }
        if (na == 0) {
            return Outcome.of(ci, List.of(emptyOthers(facet)));
        }
        return Outcome.of(ci);
    }

    /** {@code DPL = q_a - q_d}. */
    static Outcome differenceInLabelProportions(FacetCounts counts) {
        return Outcome.of(rate(counts.others()) - rate(counts.facet()));
    }

    /** {@code KL = sum_y P_a(y) ln(P_a(y) / P_d(y))}, undefined (infinite) when some {@code P_a(y) > 0 = P_d(y)}. */
    static Outcome kullbackLeibler(FacetCounts counts, String facet) {
        double[] pa = distribution(counts.others());
        double[] pd = distribution(counts.facet());
        for (int y = 0; y < 2; y++) {
            if (pa[y] > 0 && pd[y] == 0) {
                String outcome = y == 0 ? "repaid" : "defaulted";
                return Outcome.undefined("no one in " + facet + " " + outcome + " while " + percent(pa[y]) + " of "
                        + OTHERS + " did: KL(P_a || P_d) is infinite (Clarify's implementation leaves such label"
                        + " values out of the sum; the documented formula does not)");
            }
        }
        return Outcome.of(relativeEntropy(pa, pd));
    }

    /** {@code JS = (KL(P_a || P) + KL(P_d || P)) / 2}, {@code P = (P_a + P_d) / 2}; always defined. */
    static Outcome jensenShannon(FacetCounts counts) {
        double[] pa = distribution(counts.others());
        double[] pd = distribution(counts.facet());
        double[] mean = {(pa[0] + pd[0]) / 2, (pa[1] + pd[1]) / 2};
        return Outcome.of((relativeEntropy(pa, mean) + relativeEntropy(pd, mean)) / 2);
    }

    /** {@code LP = (sum_y |P_a(y) - P_d(y)|^2)^(1/2)}. */
    static Outcome lpNorm(FacetCounts counts) {
        double[] pa = distribution(counts.others());
        double[] pd = distribution(counts.facet());
        double sum = 0;
        for (int y = 0; y < 2; y++) {
            sum += (pa[y] - pd[y]) * (pa[y] - pd[y]);
        }
        return Outcome.of(Math.sqrt(sum));
    }

    /** {@code TVD = (1/2) sum_y |P_a(y) - P_d(y)|}. */
    static Outcome totalVariationDistance(FacetCounts counts) {
        double[] pa = distribution(counts.others());
        double[] pd = distribution(counts.facet());
        return Outcome.of((Math.abs(pa[0] - pd[0]) + Math.abs(pa[1] - pd[1])) / 2);
    }

    /** {@code KS = max_y |P_a(y) - P_d(y)|}. */
    static Outcome kolmogorovSmirnov(FacetCounts counts) {
        double[] pa = distribution(counts.others());
        double[] pd = distribution(counts.facet());
        return Outcome.of(Math.max(Math.abs(pa[0] - pd[0]), Math.abs(pa[1] - pd[1])));
    }

    /**
     * {@code CDD = (1/n) sum_i n_i (n_i,d(0) / n_i(0) - n_i,d(1) / n_i(1))}, a share with a zero denominator counting
     * as 0 (Clarify's implementation, {@code smclarify} {@code common.CDD}).
     *
     * @param favourableWord what a favourable outcome is called in the notes ("repayment", "approval")
     * @param unfavourableWord and an unfavourable one ("default", "rejection")
     */
    static Outcome conditionalDemographicDisparity(
            Collection<SubgroupCounts> groups, String groupVariable, String favourableWord, String unfavourableWord) {
        long rows = 0;
        long favourable = 0;
        for (SubgroupCounts group : groups) {
            rows += group.rows();
            favourable += group.favourable();
        }
        if (favourable == 0) {
            return Outcome.undefined("there is no " + favourableWord + " at all, so no share of the " + favourableWord
                    + "s (Clarify's implementation stops with an error)");
        }
        if (favourable == rows) {
            return Outcome.undefined("there is no " + unfavourableWord + " at all, so no share of the "
                    + unfavourableWord + "s (Clarify's implementation stops with an error)");
        }
        double weighted = 0;
        int withoutFavourable = 0;
        int withoutUnfavourable = 0;
        for (SubgroupCounts group : groups) {
            double acceptedShare = 0;
            if (group.favourable() == 0) {
                withoutFavourable++;
            } else {
                acceptedShare = (double) group.favourableInFacet() / group.favourable();
            }
            double rejectedShare = 0;
            if (group.unfavourable() == 0) {
                withoutUnfavourable++;
            } else {
                rejectedShare = (double) group.unfavourableInFacet() / group.unfavourable();
            }
            weighted += group.rows() * (rejectedShare - acceptedShare);
        }
        List<String> notes = new ArrayList<>();
        if (withoutFavourable > 0) {
            notes.add(withoutFavourable + " of " + groups.size() + " groups of " + groupVariable + " have no "
                    + favourableWord + "; the facet's share of their " + favourableWord
                    + "s counts as 0, as in Clarify's implementation");
        }
        if (withoutUnfavourable > 0) {
            notes.add(withoutUnfavourable + " of " + groups.size() + " groups of " + groupVariable + " have no "
                    + unfavourableWord + "; the facet's share of their " + unfavourableWord
                    + "s counts as 0, as in Clarify's implementation");
        }
        return Outcome.of(weighted / rows, notes);
    }

    /** {@code DPPL = q'_a - q'_d}. */
    static Outcome differenceInPredictedProportions(FacetCounts counts) {
        return Outcome.of(approvalRate(counts.others()) - approvalRate(counts.facet()));
    }

    /** {@code DI = q'_d / q'_a}, undefined when {@code q'_a = 0}. */
    static Outcome disparateImpact(FacetCounts counts, String facet) {
        ConfusionCounts a = confusion(counts.others());
        ConfusionCounts d = confusion(counts.facet());
        if (a.predictedFavourable() == 0) {
            return Outcome.undefined("the model approves no one of " + OTHERS + " (n'_a(1) = 0), so q'_d / q'_a"
                    + " divides by zero"
                    + (d.predictedFavourable() == 0
                            ? " and no one of " + facet + " either (Clarify's implementation reports 0 for 0/0)"
                            : " (Clarify's implementation reports infinity)"));
        }
        return Outcome.of(approvalRate(counts.facet()) / approvalRate(counts.others()));
    }

    /** {@code DCA = n_a(1) / n'_a(1) - n_d(1) / n'_d(1)}. */
    static Outcome differenceInConditionalAcceptance(FacetCounts counts, String facet) {
        ConfusionCounts a = confusion(counts.others());
        ConfusionCounts d = confusion(counts.facet());
        String zero = noneOf(a.predictedFavourable(), d.predictedFavourable(), facet, "approves", "n'_{g}(1)");
        if (zero != null) {
            return Outcome.undefined(zero + ", so observed repayments per approval are undefined");
        }
        return Outcome.of(
                (double) a.favourable() / a.predictedFavourable() - (double) d.favourable() / d.predictedFavourable());
    }

    /** {@code DCR = n_d(0) / n'_d(0) - n_a(0) / n'_a(0)}. */
    static Outcome differenceInConditionalRejection(FacetCounts counts, String facet) {
        ConfusionCounts a = confusion(counts.others());
        ConfusionCounts d = confusion(counts.facet());
        String zero = noneOf(a.predictedUnfavourable(), d.predictedUnfavourable(), facet, "rejects", "n'_{g}(0)");
        if (zero != null) {
            return Outcome.undefined(zero + ", so observed defaults per rejection are undefined");
        }
        return Outcome.of((double) d.unfavourable() / d.predictedUnfavourable()
                - (double) a.unfavourable() / a.predictedUnfavourable());
    }

    /** {@code RD = TP_a / (TP_a + FN_a) - TP_d / (TP_d + FN_d)}. */
    static Outcome recallDifference(FacetCounts counts, String facet) {
        ConfusionCounts a = confusion(counts.others());
        ConfusionCounts d = confusion(counts.facet());
        String zero = noneIn(a.favourable(), d.favourable(), facet, "repaid", "TP_{g} + FN_{g}");
        if (zero != null) {
            return Outcome.undefined(zero + ", so the recall (approved share of those who repaid) is undefined");
        }
        return Outcome.of((double) a.truePositives() / a.favourable() - (double) d.truePositives() / d.favourable());
    }

    /** {@code SD = TN_d / (TN_d + FP_d) - TN_a / (TN_a + FP_a)}. */
    static Outcome specificityDifference(FacetCounts counts, String facet) {
        ConfusionCounts a = confusion(counts.others());
        ConfusionCounts d = confusion(counts.facet());
        String zero = noneIn(a.unfavourable(), d.unfavourable(), facet, "defaulted", "TN_{g} + FP_{g}");
        if (zero != null) {
            return Outcome.undefined(
                    zero + ", so the specificity (rejected share of those who defaulted) is undefined");
        }
        return Outcome.of(
                (double) d.trueNegatives() / d.unfavourable() - (double) a.trueNegatives() / a.unfavourable());
    }

    /** {@code DAR = TP_a / (TP_a + FP_a) - TP_d / (TP_d + FP_d)}. */
    static Outcome differenceInAcceptanceRates(FacetCounts counts, String facet) {
        ConfusionCounts a = confusion(counts.others());
        ConfusionCounts d = confusion(counts.facet());
        String zero = noneOf(a.predictedFavourable(), d.predictedFavourable(), facet, "approves", "TP_{g} + FP_{g}");
        if (zero != null) {
            return Outcome.undefined(zero + ", so the precision (repaid share of the approved) is undefined");
        }
        return Outcome.of((double) a.truePositives() / a.predictedFavourable()
                - (double) d.truePositives() / d.predictedFavourable());
    }

    /** {@code DRR = TN_d / (TN_d + FN_d) - TN_a / (TN_a + FN_a)}. */
    static Outcome differenceInRejectionRates(FacetCounts counts, String facet) {
        ConfusionCounts a = confusion(counts.others());
        ConfusionCounts d = confusion(counts.facet());
        String zero = noneOf(a.predictedUnfavourable(), d.predictedUnfavourable(), facet, "rejects", "TN_{g} + FN_{g}");
        if (zero != null) {
            return Outcome.undefined(zero + ", so the defaulted share of the rejected is undefined");
        }
        return Outcome.of((double) d.trueNegatives() / d.predictedUnfavourable()
                - (double) a.trueNegatives() / a.predictedUnfavourable());
    }

    /** {@code AD = (TP_a + TN_a) / n_a - (TP_d + TN_d) / n_d}. */
    static Outcome accuracyDifference(FacetCounts counts) {
        return Outcome.of(accuracy(confusion(counts.others())) - accuracy(confusion(counts.facet())));
    }

    /** {@code TE = FN_d / FP_d - FN_a / FP_a}, undefined when a group has no false positive. */
    static Outcome treatmentEquality(FacetCounts counts, String facet) {
        ConfusionCounts a = confusion(counts.others());
        ConfusionCounts d = confusion(counts.facet());
        String zero = noneIn(a.falsePositives(), d.falsePositives(), facet, "was approved and defaulted", "FP_{g}");
        if (zero != null) {
            return Outcome.undefined(zero + ", so wrongful rejections per wrongful approval (FN / FP) are undefined"
                    + " (Clarify's page: TE is unbounded when FP_a or FP_d is 0)");
        }
        return Outcome.of(
                (double) d.falseNegatives() / d.falsePositives() - (double) a.falseNegatives() / a.falsePositives());
    }

    /** The note for an empty facet. */
    static String emptyFacet(String facet) {
        return "facet " + facet + " has no rows: there is no group to compare";
    }

    /** The note for a facet that holds every row. */
    static String emptyOthers(String facet) {
        return "every row is in facet " + facet + ": there is no one else to compare with";
    }

    /** {@code q_g = n_g(1) / n_g}. */
    static double rate(GroupCounts group) {
        return (double) group.favourable() / group.rows();
    }

    /** {@code q'_g = n'_g(1) / n_g}. */
    static double approvalRate(GroupCounts group) {
        return (double) confusion(group).predictedFavourable() / group.rows();
    }

    static ConfusionCounts confusion(GroupCounts group) {
        return group.predictions().orElseThrow(() -> new BiasException("post-training metrics need predictions"));
    }

    static double accuracy(ConfusionCounts confusion) {
        return (double) (confusion.truePositives() + confusion.trueNegatives()) / confusion.rows();
    }

    static String percent(double share) {
        return Readings.percent(share);
    }

    /** {@code (P(1), P(0))}: the shares of favourable and unfavourable labels. */
    private static double[] distribution(GroupCounts group) {
        return new double[] {(double) group.favourable() / group.rows(), (double) group.unfavourable() / group.rows()};
    }

    /** {@code sum_y p(y) ln(p(y) / q(y))} with {@code 0 ln 0 = 0}; the caller ensures q(y) > 0 where p(y) > 0. */
    private static double relativeEntropy(double[] p, double[] q) {
        double sum = 0;
        for (int y = 0; y < p.length; y++) {
            if (p[y] > 0) {
                sum += p[y] * Math.log(p[y] / q[y]);
            }
        }
        return sum;
    }

    /**
     * Says which group the model {@code verb} no one of, or null when both have some. {@code count} names the count
     * with {@code {g}} for the group's letter ({@code n'_{g}(1)}).
     */
    private static String noneOf(long others, long facet, String facetName, String verb, String count) {
        if (others == 0 && facet == 0) {
            return "the model " + verb + " no one (" + count(count, null) + " = 0 in both groups)";
        }
        if (facet == 0) {
            return "the model " + verb + " no one of " + facetName + " (" + count(count, "d") + " = 0)";
        }
        if (others == 0) {
            return "the model " + verb + " no one of " + OTHERS + " (" + count(count, "a") + " = 0)";
        }
        return null;
    }

    /** Says which group has no one who {@code outcome}, or null when both have some; {@code count} as above. */
    private static String noneIn(long others, long facet, String facetName, String outcome, String count) {
        if (others == 0 && facet == 0) {
            return "no one " + outcome + " in either group (" + count(count, null) + " = 0)";
        }
        if (facet == 0) {
            return "no one in " + facetName + " " + outcome + " (" + count(count, "d") + " = 0)";
        }
        if (others == 0) {
            return "no one of " + OTHERS + " " + outcome + " (" + count(count, "a") + " = 0)";
        }
        return null;
    }

    /** {@code TP_{g} + FN_{g}} for group d is {@code TP_d + FN_d}; for both groups, {@code TP + FN}. */
    private static String count(String template, String group) {
        return group == null ? template.replace("_{g}", "") : template.replace("{g}", group);
    }
}
