package com.example.credit.core.bias;

import static com.example.credit.core.bias.Tables.FEMALE;
import static com.example.credit.core.bias.Tables.GENDER;
import static com.example.credit.core.bias.Tables.PURPOSE;
import static com.example.credit.core.bias.Tables.THRESHOLD;
import static com.example.credit.core.bias.Tables.concat;
import static com.example.credit.core.bias.Tables.labelled;
import static com.example.credit.core.bias.Tables.scored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Data that leave a formula undefined give a result without a value, with a note naming the count that was zero;
 * they never give NaN or infinity, in the records or in the JSON.
 */
class BiasEdgeCaseTests {

    private static final Facet DIVERSE = Facet.category(GENDER, "diverse");

    @Test
    void anEmptyFacetHasAClassImbalanceOfOneAndNoOtherValue() {
        BiasReport report = BiasAnalysis.preTraining(labelled("male", 3, 1), List.of(DIVERSE), Optional.empty());
        FacetReport facet = report.facet("personal__gender=diverse");

        // CI = (n_a - n_d) / (n_a + n_d) = (4 - 0) / 4: Clarify's page reads 1 as "only facet a".
        MetricResult ci = facet.metric(BiasMetric.CI);
        assertThat(ci.value()).hasValue(1.0);
        assertThat(ci.notes())
                .containsExactly("facet personal__gender=diverse has no rows: there is no group to compare");
        assertThat(ci.reading()).isEqualTo("personal__gender=diverse has no rows; all 4 rows belong to everyone else.");
        for (BiasMetric metric :
                List.of(BiasMetric.DPL, BiasMetric.KL, BiasMetric.JS, BiasMetric.LP, BiasMetric.TVD, BiasMetric.KS)) {
            MetricResult result = facet.metric(metric);
            assertThat(result.status()).as("%s", metric).isEqualTo(MetricResult.Status.UNDEFINED);
            assertThat(result.value()).as("%s", metric).isEmpty();
            assertThat(result.notes())
                    .containsExactly("facet personal__gender=diverse has no rows: there is no group to compare");
            assertThat(result.reading())
                    .isEqualTo(
                            "Not computed: facet personal__gender=diverse has no rows: there is no group to compare.");
        }
        assertThat(facet.metric(BiasMetric.CDDL).status()).isEqualTo(MetricResult.Status.NOT_APPLICABLE);
    }

    @Test
    void aFacetHoldingEveryRowHasAClassImbalanceOfMinusOne() {
        FacetReport facet = BiasAnalysis.preTraining(labelled("female", 2, 2), List.of(FEMALE), Optional.empty())
                .facet("personal__gender=female");

        assertThat(facet.metric(BiasMetric.CI).value()).hasValue(-1.0);
        assertThat(facet.metric(BiasMetric.DPL).notes())
                .containsExactly("every row is in facet personal__gender=female: there is no one else to compare with");
    }

    @Test
    void anEmptyFacetAfterTrainingHasNoValueForAnyMetric() {
        FacetReport facet = BiasAnalysis.postTraining(
                        scored("male", 3, 1, 1, 3), List.of(DIVERSE), Optional.empty(), THRESHOLD)
                .facet("personal__gender=diverse");

        assertThat(facet.metrics())
                .allSatisfy(result -> assertThat(result.value()).isEmpty());
        assertThat(facet.metric(BiasMetric.DI).notes())
                .containsExactly("facet personal__gender=diverse has no rows: there is no group to compare");
    }

    @Test
    void labelsWithoutAnyRepaymentGiveEqualDistributionsAndNoConditionalDisparity() {
        // Everyone defaulted: q_a = q_d = 0, so DPL = 0 and the distributions (0, 1) are equal: KL = JS = LP = 0.
        List<Row> rows = concat(labelled("female", "car", 0, 3), labelled("male", "car", 0, 5));
        FacetReport facet = BiasAnalysis.preTraining(rows, List.of(FEMALE), Optional.of(PURPOSE))
                .facet("personal__gender=female");

        for (BiasMetric metric :
                List.of(BiasMetric.DPL, BiasMetric.KL, BiasMetric.JS, BiasMetric.LP, BiasMetric.TVD, BiasMetric.KS)) {
            assertThat(facet.metric(metric).value()).as("%s", metric).hasValue(0.0);
        }
        MetricResult cddl = facet.metric(BiasMetric.CDDL);
        assertThat(cddl.status()).isEqualTo(MetricResult.Status.UNDEFINED);
        assertThat(cddl.notes())
                .containsExactly("there is no repayment at all, so no share of the repayments (Clarify's"
                        + " implementation stops with an error)");
    }

    @Test
    void klDivergenceIsUndefinedWhenTheFacetNeverHasALabelValueThatOthersHave() {
        // female: 0 repaid of 4, so P_d(repaid) = 0 while P_a(repaid) = 2/4: the term 0.5 ln(0.5 / 0) is infinite.
        List<Row> rows = concat(labelled("female", 0, 4), labelled("male", 2, 2));
        FacetReport facet = BiasAnalysis.preTraining(rows, List.of(FEMALE), Optional.empty())
                .facet("personal__gender=female");

        MetricResult kl = facet.metric(BiasMetric.KL);
        assertThat(kl.status()).isEqualTo(MetricResult.Status.UNDEFINED);
        assertThat(kl.notes())
                .containsExactly("no one in personal__gender=female repaid while 50.0% of everyone else did: KL(P_a ||"
                        + " P_d) is infinite (Clarify's implementation leaves such label values out of the sum; the"
                        + " documented formula does not)");
        // JS stays finite: P = (0.25, 0.75); JS = (0.5 ln(0.5/0.25) + 0.5 ln(0.5/0.75) + 1 ln(1/0.75)) / 2
        assertThat(facet.metric(BiasMetric.JS).value().orElseThrow())
                .isCloseTo(
                        (0.5 * Math.log(0.5 / 0.25) + 0.5 * Math.log(0.5 / 0.75) + Math.log(1 / 0.75)) / 2,
                        within(1e-15));
    }

    @Test
    void aModelThatApprovesNoOneLeavesTheRatiosOfApprovalsUndefined() {
        // Everyone rejected (FN and TN only): q'_a = q'_d = 0.
        List<Row> rows = concat(scored("female", 0, 0, 2, 2), scored("male", 0, 0, 3, 1));
        FacetReport facet = BiasAnalysis.postTraining(rows, List.of(FEMALE), Optional.empty(), THRESHOLD)
                .facet("personal__gender=female");

        assertThat(facet.metric(BiasMetric.DPPL).value()).hasValue(0.0);
        assertThat(facet.metric(BiasMetric.DI).notes())
                .containsExactly("the model approves no one of everyone else (n'_a(1) = 0), so q'_d / q'_a divides by"
                        + " zero and no one of personal__gender=female either (Clarify's implementation reports 0 for"
                        + " 0/0)");
        assertThat(facet.metric(BiasMetric.DCA).notes())
                .containsExactly("the model approves no one (n'(1) = 0 in both groups), so observed repayments per"
                        + " approval are undefined");
        assertThat(facet.metric(BiasMetric.DAR).value()).isEmpty();
        // Recall is defined (both groups have people who repaid) and 0 for both: RD = 0/2 - 0/3 = 0.
        assertThat(facet.metric(BiasMetric.RD).value()).hasValue(0.0);
        // No approvals means no false positives: TE's FN / FP is undefined.
        assertThat(facet.metric(BiasMetric.TE).notes())
                .containsExactly("no one was approved and defaulted in either group (FP = 0), so wrongful rejections"
                        + " per wrongful approval (FN / FP) are undefined (Clarify's page: TE is unbounded when FP_a"
                        + " or FP_d is 0)");
    }

    @Test
    void disparateImpactIsUndefinedWhenOnlyTheFacetIsApproved() {
        List<Row> rows = concat(scored("female", 2, 0, 0, 2), scored("male", 0, 0, 3, 1));
        MetricResult di = BiasAnalysis.postTraining(rows, List.of(FEMALE), Optional.empty(), THRESHOLD)
                .facet("personal__gender=female")
                .metric(BiasMetric.DI);

        assertThat(di.value()).isEmpty();
        assertThat(di.notes())
                .containsExactly("the model approves no one of everyone else (n'_a(1) = 0), so q'_d / q'_a divides by"
                        + " zero (Clarify's implementation reports infinity)");
    }

    @Test
    void disparateImpactIsZeroWhenOnlyTheFacetGetsNoApproval() {
        List<Row> rows = concat(scored("female", 0, 0, 2, 2), scored("male", 1, 1, 1, 1));
        MetricResult di = BiasAnalysis.postTraining(rows, List.of(FEMALE), Optional.empty(), THRESHOLD)
                .facet("personal__gender=female")
                .metric(BiasMetric.DI);

        assertThat(di.value()).hasValue(0.0);
        assertThat(di.reading())
                .isEqualTo("personal__gender=female gets no approvals (0.0% against 50.0%); the favoured group is"
                        + " everyone else.");
    }

    @Test
    void treatmentEqualityIsUndefinedWhenTheFacetHasNoFalsePositive() {
        List<Row> rows = concat(scored("female", 2, 0, 1, 2), scored("male", 2, 1, 1, 2));
        MetricResult te = BiasAnalysis.postTraining(rows, List.of(FEMALE), Optional.empty(), THRESHOLD)
                .facet("personal__gender=female")
                .metric(BiasMetric.TE);

        assertThat(te.notes())
                .containsExactly("no one in personal__gender=female was approved and defaulted (FP_d = 0), so wrongful"
                        + " rejections per wrongful approval (FN / FP) are undefined (Clarify's page: TE is unbounded"
                        + " when FP_a or FP_d is 0)");
    }

    @Test
    void recallAndSpecificityAreUndefinedWhenAGroupHasNoOneWithThatOutcome() {
        // female: nobody repaid (TP = FN = 0); male: nobody defaulted (FP = TN = 0).
        List<Row> rows = concat(scored("female", 0, 2, 0, 2), scored("male", 2, 0, 2, 0));
        FacetReport facet = BiasAnalysis.postTraining(rows, List.of(FEMALE), Optional.empty(), THRESHOLD)
                .facet("personal__gender=female");

        assertThat(facet.metric(BiasMetric.RD).notes())
                .containsExactly("no one in personal__gender=female repaid (TP_d + FN_d = 0), so the recall (approved"
                        + " share of those who repaid) is undefined");
        assertThat(facet.metric(BiasMetric.SD).notes())
                .containsExactly(
                        "no one of everyone else defaulted (TN_a + FP_a = 0), so the specificity (rejected share"
                                + " of those who defaulted) is undefined");
    }

    @Test
    void conditionalMetricsAreNotApplicableWithoutAGroupVariable() {
        MetricResult cddl = BiasAnalysis.preTraining(
                        concat(labelled("female", 1, 1), labelled("male", 1, 1)), List.of(FEMALE), Optional.empty())
                .facet("personal__gender=female")
                .metric(BiasMetric.CDDL);

        assertThat(cddl.status()).isEqualTo(MetricResult.Status.NOT_APPLICABLE);
        assertThat(cddl.reading()).isEqualTo("Not applicable: no group variable was given to condition on.");
    }

    @Test
    void edgeCasesNeverWriteNaNOrInfinity() {
        List<Row> rows = concat(scored("female", 0, 0, 2, 2), scored("male", 0, 0, 3, 1));
        BiasReport post = BiasAnalysis.postTraining(rows, List.of(FEMALE, DIVERSE), Optional.empty(), THRESHOLD);
        BiasReport pre = BiasAnalysis.preTraining(rows, List.of(FEMALE, DIVERSE), Optional.empty());

        for (String json : List.of(
                BiasReportJson.write(pre),
                BiasReportJson.write(post),
                ClarifyAnalysisJson.write(Optional.of(pre), Optional.of(post)))) {
            assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
        }
    }
}
