package com.example.credit.core.bias;

import static com.example.credit.core.bias.Tables.FEMALE;
import static com.example.credit.core.bias.Tables.PURPOSE;
import static com.example.credit.core.bias.Tables.THRESHOLD;
import static com.example.credit.core.bias.Tables.concat;
import static com.example.credit.core.bias.Tables.scored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each post-training metric on confusion matrices small enough to compute by hand, most of them the worked examples
 * of Clarify's pages. "Positive" is the favourable outcome: repaid (observed) or approved (predicted, probability of
 * default below 0.5). Facet d is female, everyone else (a) male.
 */
class PostTrainingMetricsTests {

    private static final double EXACT = 1e-15;

    /*
     * The confusion matrices of Clarify's RD and SD pages:
     *            TP   FP   FN   TN   rows  repaid n(1)  defaulted n(0)  approved n'(1)  rejected n'(0)
     *   male     65   10    5   20    100       70            30              75              25
     *   female   20    5    7   18     50       27            23              25              25
     */
    private static final List<Row> ROWS = concat(scored("male", 65, 10, 5, 20), scored("female", 20, 5, 7, 18));

    private static FacetReport female(List<Row> rows) {
        return BiasAnalysis.postTraining(rows, List.of(FEMALE), Optional.empty(), THRESHOLD)
                .facet("personal__gender=female");
    }

    private static double value(List<Row> rows, BiasMetric metric) {
        return female(rows).metric(metric).value().orElseThrow();
    }

    @Test
    void countsTheConfusionMatrixOfEachGroup() {
        FacetCounts counts = female(ROWS).counts();
        assertThat(counts.facet().predictions()).contains(new ConfusionCounts(20, 5, 7, 18));
        assertThat(counts.others().predictions()).contains(new ConfusionCounts(65, 10, 5, 20));
    }

    @Test
    void differenceInPositiveProportionsInPredictedLabelsComparesApprovalRates() {
        // DPPL = q'_a - q'_d = 75/100 - 25/50 = 0.75 - 0.5
        assertThat(value(ROWS, BiasMetric.DPPL)).isCloseTo(0.25, within(EXACT));
        assertThat(female(ROWS).metric(BiasMetric.DPPL).reading())
                .isEqualTo("Approval rate: personal__gender=female 50.0%, everyone else 75.0%;"
                        + " the favoured group is everyone else, by 25.0 percentage points.");
    }

    @Test
    void disparateImpactIsTheRatioOfApprovalRates() {
        // DI = q'_d / q'_a = (25/50) / (75/100) = 0.5 / 0.75 = 0.66667
        assertThat(value(ROWS, BiasMetric.DI)).isCloseTo(0.5 / 0.75, within(EXACT));
        assertThat(female(ROWS).metric(BiasMetric.DI).reading())
                .isEqualTo("personal__gender=female is approved at 0.667 times the rate of everyone else"
                        + " (50.0% against 75.0%); the favoured group is everyone else, by a factor of 1.500.");
    }

    @Test
    void differenceInConditionalAcceptanceComparesRepaymentsPerApproval() {
        // DCA = n_a(1)/n'_a(1) - n_d(1)/n'_d(1) = 70/75 - 27/25 = 0.93333 - 1.08 = -0.14667
        assertThat(value(ROWS, BiasMetric.DCA)).isCloseTo(70.0 / 75 - 27.0 / 25, within(EXACT));
    }

    @Test
    void differenceInConditionalAcceptanceMatchesClarifysWorkedExample() {
        /*
         * Clarify's DCAcc page, example 1: 100 of facet a, 60 approved, 70 observed acceptances; 50 of facet d,
         * 30 approved, 20 observed: DCAcc = 70/60 - 20/30 = 1/2.
         *   male:   TP 60 FP 0  FN 10 TN 30  (repaid 70, approved 60)
         *   female: TP 20 FP 10 FN 0  TN 20  (repaid 20, approved 30)
         */
        List<Row> rows = concat(scored("male", 60, 0, 10, 30), scored("female", 20, 10, 0, 20));

        assertThat(value(rows, BiasMetric.DCA)).isCloseTo(70.0 / 60 - 20.0 / 30, within(EXACT));
        assertThat(female(rows).metric(BiasMetric.DCA).reading())
                .isEqualTo("Observed repayments per approval: personal__gender=female 0.667, everyone else 1.167"
                        + " (the lower, the more readily the model approves the group for how it repaid);"
                        + " the favoured group is personal__gender=female, by 0.500.");
    }

    @Test
    void differenceInConditionalRejectionMatchesClarifysWorkedExample() {
        /*
         * Clarify's DCR page, example 1: facet a 60 rejected, 50 observed rejections; facet d 30 rejected, 40
         * observed: DCR = 40/30 - 50/60 = 1/2.
         *   male:   TP 40 FP 0  FN 10 TN 50  (rejected FN + TN = 60, defaulted FP + TN = 50)
         *   female: TP 10 FP 10 FN 0  TN 30  (rejected 30, defaulted 40)
         */
        List<Row> rows = concat(scored("male", 40, 0, 10, 50), scored("female", 10, 10, 0, 30));

        assertThat(value(rows, BiasMetric.DCR)).isCloseTo(40.0 / 30 - 50.0 / 60, within(EXACT));
        // On the RD table: DCR = n_d(0)/n'_d(0) - n_a(0)/n'_a(0) = 23/25 - 30/25 = -0.28
        assertThat(value(ROWS, BiasMetric.DCR)).isCloseTo(23.0 / 25 - 30.0 / 25, within(EXACT));
    }

    @Test
    void recallDifferenceMatchesClarifysWorkedExample() {
        // RD = TP_a/(TP_a + FN_a) - TP_d/(TP_d + FN_d) = 65/70 - 20/27 = 0.92857 - 0.74074 = 0.18783 (page: 0.19)
        assertThat(value(ROWS, BiasMetric.RD)).isCloseTo(65.0 / 70 - 20.0 / 27, within(EXACT));
        assertThat(female(ROWS).metric(BiasMetric.RD).reading())
                .isEqualTo("Of those who repaid, the model approves 20 of 27 (74.1%) of personal__gender=female and 65"
                        + " of 70 (92.9%) of everyone else; the favoured group is everyone else, by 18.8 percentage"
                        + " points.");
    }

    @Test
    void specificityDifferenceMatchesClarifysWorkedExample() {
        // SD = TN_d/(TN_d + FP_d) - TN_a/(TN_a + FP_a) = 18/23 - 20/30 = 0.78261 - 0.66667 = 0.11594 (page: 0.1159)
        assertThat(value(ROWS, BiasMetric.SD)).isCloseTo(18.0 / 23 - 20.0 / 30, within(EXACT));
    }

    @Test
    void differenceInAcceptanceRatesComparesPrecision() {
        // On the RD table: DAR = TP_a/(TP_a + FP_a) - TP_d/(TP_d + FP_d) = 65/75 - 20/25 = 0.86667 - 0.8
        assertThat(value(ROWS, BiasMetric.DAR)).isCloseTo(65.0 / 75 - 20.0 / 25, within(EXACT));
        // Clarify's DAR page: 35 of 70 approved in a repaid, 40 of 100 in d: DAR = 35/70 - 40/100 = 0.1
        List<Row> rows = concat(scored("male", 35, 35, 0, 0), scored("female", 40, 60, 0, 0));
        assertThat(value(rows, BiasMetric.DAR)).isCloseTo(35.0 / 70 - 40.0 / 100, within(EXACT));
        assertThat(female(rows).metric(BiasMetric.DAR).reading())
                .isEqualTo("Of those approved, 40 of 100 (40.0%) of personal__gender=female and 35 of 70 (50.0%) of"
                        + " everyone else repaid (the lower share is the more lenient); the favoured group is"
                        + " personal__gender=female, by 10.0 percentage points.");
    }

    @Test
    void differenceInRejectionRatesComparesTheDefaultedShareOfTheRejected() {
        // On the RD table: DRR = TN_d/(TN_d + FN_d) - TN_a/(TN_a + FN_a) = 18/25 - 20/25 = -0.08
        assertThat(value(ROWS, BiasMetric.DRR)).isCloseTo(18.0 / 25 - 20.0 / 25, within(EXACT));
        // Clarify's DRR page: a 80 of 100 rejected defaulted, d 40 of 50: DRR = 40/50 - 80/100 = 0
        List<Row> rows = concat(scored("male", 0, 0, 20, 80), scored("female", 0, 0, 10, 40));
        assertThat(value(rows, BiasMetric.DRR)).isZero();
        assertThat(female(rows).metric(BiasMetric.DRR).reading()).endsWith("; neither group is favoured.");
    }

    @Test
    void accuracyDifferenceMatchesClarifysWorkedExample() {
        // Clarify's AD page: ACC_a = (60 + 10)/100 = 0.7, ACC_d = (40 + 10)/100 = 0.5, AD = 0.2
        List<Row> rows = concat(scored("male", 60, 10, 20, 10), scored("female", 40, 10, 40, 10));
        assertThat(value(rows, BiasMetric.AD)).isCloseTo(0.7 - 0.5, within(EXACT));
        // On the RD table: AD = (65 + 20)/100 - (20 + 18)/50 = 0.85 - 0.76 = 0.09
        assertThat(value(ROWS, BiasMetric.AD)).isCloseTo(85.0 / 100 - 38.0 / 50, within(EXACT));
    }

    @Test
    void treatmentEqualityMatchesClarifysWorkedExample() {
        /*
         * Clarify's TE page: facet a FN 8, FP 6, 86 right; facet d FN 5, FP 2, 43 right.
         * TE = FN_d/FP_d - FN_a/FP_a = 5/2 - 8/6 = 2.5 - 1.33333 = 1.16667
         */
        List<Row> rows = concat(scored("male", 50, 6, 8, 36), scored("female", 25, 2, 5, 18));
        assertThat(value(rows, BiasMetric.TE)).isCloseTo(5.0 / 2 - 8.0 / 6, within(EXACT));
        assertThat(female(rows).metric(BiasMetric.TE).reading())
                .isEqualTo("Wrongful rejections per wrongful approval: personal__gender=female 2.500, everyone else"
                        + " 1.333; the errors go against personal__gender=female more often, by 1.167.");
    }

    @Test
    void conditionalDemographicDisparityInPredictedLabelsCountsTheModelsDecisions() {
        /*
         * Predicted labels by purpose (approved = TP + FP, rejected = FN + TN):
         *   car:   female approved 1 rejected 3, male approved 3 rejected 1: DDPL = 3/4 - 1/4 = 0.5
         *   radio: female approved 2 rejected 0, male approved 1 rejected 2: DDPL = 0/2 - 2/3 = -0.66667
         *   CDDPL = (8 * 0.5 + 5 * -0.66667) / 13 = (4 - 3.33333) / 13 = 0.05128
         */
        List<Row> rows = concat(
                scored("female", "car", 1, 0, 2, 1),
                scored("male", "car", 2, 1, 0, 1),
                scored("female", "radio", 1, 1, 0, 0),
                scored("male", "radio", 1, 0, 1, 1));

        MetricResult cddpl = BiasAnalysis.postTraining(rows, List.of(FEMALE), Optional.of(PURPOSE), THRESHOLD)
                .facet("personal__gender=female")
                .metric(BiasMetric.CDDPL);

        assertThat(cddpl.value().orElseThrow())
                .isCloseTo((8 * (3.0 / 4 - 1.0 / 4) + 5 * (0.0 / 2 - 2.0 / 3)) / 13, within(EXACT));
        assertThat(cddpl.reading())
                .isEqualTo("Within the groups of credit__purpose (weighted by size), personal__gender=female holds a"
                        + " larger share of the rejections than of the approvals; the favoured group is everyone"
                        + " else, by 5.1 percentage points.");
    }

    @Test
    void approvesWhenTheProbabilityOfDefaultIsBelowTheThreshold() {
        // Probabilities 0.2 (approved) and 0.8 (rejected): at threshold 0.9 every one is approved, at 0.1 none.
        assertThat(BiasAnalysis.postTraining(ROWS, List.of(FEMALE), Optional.empty(), 0.9)
                        .facet("personal__gender=female")
                        .counts()
                        .facet()
                        .predictions()
                        .orElseThrow()
                        .predictedFavourable())
                .isEqualTo(50);
        assertThat(BiasAnalysis.postTraining(ROWS, List.of(FEMALE), Optional.empty(), 0.2)
                        .facet("personal__gender=female")
                        .counts()
                        .facet()
                        .predictions()
                        .orElseThrow()
                        .predictedFavourable())
                .as("a probability equal to the threshold is not below it")
                .isZero();
    }

    @Test
    void reportsEveryPostTrainingMetricInClarifysOrderWithTheFlipTestSkipped() {
        FacetReport report = female(ROWS);
        assertThat(report.metrics())
                .extracting(MetricResult::name)
                .containsExactly("DPPL", "DI", "DCA", "DCR", "RD", "SD", "DAR", "DRR", "AD", "TE", "CDDPL", "FT");
        MetricResult ft = report.metric(BiasMetric.FT);
        assertThat(ft.status()).isEqualTo(MetricResult.Status.NOT_APPLICABLE);
        assertThat(ft.value()).isEmpty();
        assertThat(ft.notes()).containsExactly(BiasAnalysis.FLIP_TEST_SKIPPED);
        assertThat(ft.reading()).startsWith("Not applicable: the protected attributes are not model features");
    }
}
