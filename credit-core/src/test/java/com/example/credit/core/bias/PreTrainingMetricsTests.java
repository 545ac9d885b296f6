package com.example.credit.core.bias;

import static com.example.credit.core.bias.Tables.FEMALE;
import static com.example.credit.core.bias.Tables.MALE;
import static com.example.credit.core.bias.Tables.PURPOSE;
import static com.example.credit.core.bias.Tables.concat;
import static com.example.credit.core.bias.Tables.labelled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each pre-training metric on tables small enough to compute by hand; the arithmetic is in the comments and in the
 * expected values. Facet d is female, everyone else (a) male.
 */
class PreTrainingMetricsTests {

    private static final double EXACT = 1e-15;

    /*
     * The table of Clarify's KL example (approval rates 80 % and 30 %):
     *            repaid  defaulted  rows
     *   female      3        7       10     q_d = 3/10 = 0.3
     *   male       24        6       30     q_a = 24/30 = 0.8
     */
    private static final List<Row> ROWS = concat(labelled("female", 3, 7), labelled("male", 24, 6));

    private static FacetReport female() {
        return BiasAnalysis.preTraining(ROWS, List.of(FEMALE), Optional.empty()).facet("personal__gender=female");
    }

    private static double value(FacetReport report, BiasMetric metric) {
        return report.metric(metric).value().orElseThrow();
    }

    @Test
    void classImbalanceIsTheNormalisedDifferenceInGroupSizes() {
        // CI = (n_a - n_d) / (n_a + n_d) = (30 - 10) / 40
        assertThat(value(female(), BiasMetric.CI)).isEqualTo(20.0 / 40);
        assertThat(female().metric(BiasMetric.CI).reading())
                .isEqualTo("personal__gender=female is the smaller group: 10 rows against 30 for everyone else.");
    }

    @Test
    void differenceInProportionsOfLabelsComparesTheSharesThatRepaid() {
        // DPL = q_a - q_d = 24/30 - 3/10 = 0.8 - 0.3
        assertThat(value(female(), BiasMetric.DPL)).isCloseTo(0.8 - 0.3, within(EXACT));
        assertThat(female().metric(BiasMetric.DPL).reading())
                .isEqualTo("Share that repaid: personal__gender=female 30.0%, everyone else 80.0%;"
                        + " the favoured group is everyone else, by 50.0 percentage points.");
    }

    @Test
    void klDivergenceMatchesClarifysWorkedExample() {
        // KL = 0.8 ln(0.8/0.3) + 0.2 ln(0.2/0.7) = 0.78466 - 0.25055 = 0.53411; Clarify's page rounds it to 0.53.
        double kl = value(female(), BiasMetric.KL);
        assertThat(kl).isCloseTo(0.8 * Math.log(0.8 / 0.3) + 0.2 * Math.log(0.2 / 0.7), within(EXACT));
        assertThat(kl).isCloseTo(0.53, within(0.005));
    }

    @Test
    void jensenShannonDivergenceAveragesTheKlToTheMeanDistribution() {
        // P = ((0.8 + 0.3)/2, (0.2 + 0.7)/2) = (0.55, 0.45)
        // KL(P_a || P) = 0.8 ln(0.8/0.55) + 0.2 ln(0.2/0.45) = 0.29975 - 0.16219 = 0.13756
        // KL(P_d || P) = 0.3 ln(0.3/0.55) + 0.7 ln(0.7/0.45) = -0.18184 + 0.30929 = 0.12745
        // JS = (0.13756 + 0.12745) / 2 = 0.13251
        double klA = 0.8 * Math.log(0.8 / 0.55) + 0.2 * Math.log(0.2 / 0.45);
        double klD = 0.3 * Math.log(0.3 / 0.55) + 0.7 * Math.log(0.7 / 0.45);
        assertThat(value(female(), BiasMetric.JS)).isCloseTo((klA + klD) / 2, within(EXACT));
        assertThat(value(female(), BiasMetric.JS)).isCloseTo(0.13251, within(1e-5));
    }

    @Test
    void lpNormIsTheEuclideanDistanceOfTheLabelDistributions() {
        // LP = sqrt((0.8 - 0.3)^2 + (0.2 - 0.7)^2) = sqrt(0.25 + 0.25) = 0.70711
        assertThat(value(female(), BiasMetric.LP)).isCloseTo(Math.sqrt(0.5), within(EXACT));
    }

    @Test
    void totalVariationDistanceIsHalfTheL1Distance() {
        // TVD = (|0.8 - 0.3| + |0.2 - 0.7|) / 2 = (0.5 + 0.5) / 2
        assertThat(value(female(), BiasMetric.TVD)).isCloseTo(0.5, within(EXACT));
    }

    @Test
    void kolmogorovSmirnovIsTheLargestGapBetweenTheLabelDistributions() {
        // KS = max(|0.8 - 0.3|, |0.2 - 0.7|) = 0.5
        assertThat(value(female(), BiasMetric.KS)).isCloseTo(0.5, within(EXACT));
    }

    @Test
    void distanceReadingsNameTheGroupTheLabelsFavour() {
        assertThat(female().metric(BiasMetric.TVD).reading())
                .isEqualTo("Share that repaid: personal__gender=female 30.0%, everyone else 80.0%; by this measure"
                        + " the two label distributions are 0.500 apart (0: identical); the labels favour everyone"
                        + " else.");
    }

    @Test
    void conditionalDemographicDisparityReversesSimpsonsParadox() {
        /*
         * Like the Berkeley admissions case on Clarify's CDDL page:
         *   purpose     gender  repaid defaulted
         *   car         female     2       0
         *   car         male       6       2
         *   education   female     4       4
         *   education   male       1       1
         * Overall women repaid 6/10, men 7/10: DPL = 0.1 against women. Within each purpose they did as well or better.
         *   car:       n = 10, defaults 2 (0 female), repayments 8 (2 female): DD = 0/2 - 2/8 = -0.25
         *   education: n = 10, defaults 5 (4 female), repayments 5 (4 female): DD = 4/5 - 4/5 = 0
         *   CDDL = (10 * -0.25 + 10 * 0) / 20 = -0.125
         */
        List<Row> rows = concat(
                labelled("female", "car", 2, 0),
                labelled("male", "car", 6, 2),
                labelled("female", "education", 4, 4),
                labelled("male", "education", 1, 1));

        FacetReport report = BiasAnalysis.preTraining(rows, List.of(FEMALE), Optional.of(PURPOSE))
                .facet("personal__gender=female");

        assertThat(value(report, BiasMetric.DPL)).isCloseTo(7.0 / 10 - 6.0 / 10, within(EXACT));
        assertThat(value(report, BiasMetric.CDDL))
                .isCloseTo((10 * (0.0 / 2 - 2.0 / 8) + 10 * (4.0 / 5 - 4.0 / 5)) / 20, within(EXACT));
        assertThat(report.metric(BiasMetric.CDDL).reading())
                .isEqualTo("Within the groups of credit__purpose (weighted by size), personal__gender=female holds a"
                        + " smaller share of the defaults than of the repayments; the favoured group is"
                        + " personal__gender=female, by 12.5 percentage points.");
        assertThat(report.metric(BiasMetric.CDDL).notes()).isEmpty();
    }

    @Test
    void conditionalDemographicDisparityOfOneGroupIsTheDemographicDisparity() {
        // Clarify's page: women are 46 % of the rejected and 32 % of the accepted, DD = 0.46 - 0.32 = 0.14.
        List<Row> rows = concat(labelled("female", "all", 32, 46), labelled("male", "all", 68, 54));

        FacetReport report = BiasAnalysis.preTraining(rows, List.of(FEMALE), Optional.of(PURPOSE))
                .facet("personal__gender=female");

        assertThat(value(report, BiasMetric.CDDL)).isCloseTo(46.0 / 100 - 32.0 / 100, within(EXACT));
    }

    @Test
    void aGroupWithoutRepaymentsOrWithoutDefaultsContributesAZeroShareAsClarifyCountsIt() {
        /*
         *   car:     female 1 repaid 1 defaulted, male 2 repaid 0 defaulted: DD = 1/1 - 1/3 = 0.66667
         *   radio:   female 1 repaid, male 1 repaid, no default:            DD = 0 (no defaults) - 1/2 = -0.5
         *   repairs: female 1 defaulted, male 1 defaulted, no repayment:    DD = 1/2 - 0 (no repayments) = 0.5
         *   CDDL = (4 * 0.66667 + 2 * -0.5 + 2 * 0.5) / 8 = 2.66667 / 8 = 0.33333
         */
        List<Row> rows = concat(
                concat(labelled("female", "car", 1, 1), labelled("male", "car", 2, 0)),
                concat(labelled("female", "radio", 1, 0), labelled("male", "radio", 1, 0)),
                labelled("female", "repairs", 0, 1),
                labelled("male", "repairs", 0, 1));

        MetricResult cddl = BiasAnalysis.preTraining(rows, List.of(FEMALE), Optional.of(PURPOSE))
                .facet("personal__gender=female")
                .metric(BiasMetric.CDDL);

        assertThat(cddl.value().orElseThrow())
                .isCloseTo((4 * (1.0 / 1 - 1.0 / 3) + 2 * (0 - 1.0 / 2) + 2 * (1.0 / 2 - 0)) / 8, within(EXACT));
        assertThat(cddl.notes())
                .containsExactly(
                        "1 of 3 groups of credit__purpose have no repayment; the facet's share of their repayments"
                                + " counts as 0, as in Clarify's implementation",
                        "1 of 3 groups of credit__purpose have no default; the facet's share of their defaults counts"
                                + " as 0, as in Clarify's implementation");
    }

    @Test
    void swappingTheFacetNegatesTheSignedMetricsAndKeepsTheSymmetricOnes() {
        BiasReport report = BiasAnalysis.preTraining(ROWS, List.of(FEMALE, MALE), Optional.empty());
        FacetReport female = report.facet("personal__gender=female");
        FacetReport male = report.facet("personal__gender=male");

        assertThat(value(male, BiasMetric.CI)).isEqualTo(-value(female, BiasMetric.CI));
        assertThat(value(male, BiasMetric.DPL)).isCloseTo(-value(female, BiasMetric.DPL), within(EXACT));
        for (BiasMetric symmetric : List.of(BiasMetric.JS, BiasMetric.LP, BiasMetric.TVD, BiasMetric.KS)) {
            assertThat(value(male, symmetric)).as("%s", symmetric).isCloseTo(value(female, symmetric), within(EXACT));
        }
        // KL is not symmetric: KL(P_female || P_male) = 0.3 ln(0.3/0.8) + 0.7 ln(0.7/0.2) = 0.58269
        assertThat(value(male, BiasMetric.KL))
                .isCloseTo(0.3 * Math.log(0.3 / 0.8) + 0.7 * Math.log(0.7 / 0.2), within(EXACT));
    }

    @Test
    void reportsEveryPreTrainingMetricInClarifysOrder() {
        assertThat(female().metrics())
                .extracting(MetricResult::name)
                .containsExactly("CI", "DPL", "KL", "JS", "LP", "TVD", "KS", "CDDL");
        assertThat(female().counts().facet()).isEqualTo(new GroupCounts(10, 3, Optional.empty()));
        assertThat(female().counts().others()).isEqualTo(new GroupCounts(30, 24, Optional.empty()));
    }
}
