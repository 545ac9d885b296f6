package com.example.credit.core.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplanationsByGroupTests {

    private static final List<String> FEATURES = List.of("credit__amount", "credit__duration");
    private static final Facet FEMALE = Facet.category("personal__gender", "female");

    /*
     *   row  gender  phi(amount)  phi(duration)
     *   0    female      0.4          -0.2
     *   1    male       -0.1           0.3
     *   2    female     -0.2           0.1
     *   3    male        0.3           0.5
     *   4    female      0.1          -0.3
     * female: mean phi amount (0.4 - 0.2 + 0.1)/3 = 0.1, mean |phi| (0.4 + 0.2 + 0.1)/3 = 0.23333
     *         mean phi duration (-0.2 + 0.1 - 0.3)/3 = -0.13333, mean |phi| (0.2 + 0.1 + 0.3)/3 = 0.2
     * male:   mean phi amount (-0.1 + 0.3)/2 = 0.1, mean |phi| (0.1 + 0.3)/2 = 0.2
     *         mean phi duration (0.3 + 0.5)/2 = 0.4, mean |phi| 0.4
     */
    private static final List<double[]> PHI = List.of(
            new double[] {0.4, -0.2},
            new double[] {-0.1, 0.3},
            new double[] {-0.2, 0.1},
            new double[] {0.3, 0.5},
            new double[] {0.1, -0.3});

    private static final List<Map<String, String>> GENDERS = List.of(
            Map.of("personal__gender", "female"),
            Map.of("personal__gender", "male"),
            Map.of("personal__gender", "female"),
            Map.of("personal__gender", "male"),
            Map.of("personal__gender", "female"));

    @Test
    void averagesSignedAndAbsoluteShapValuesPerGroup() {
        FacetExplanation female = ExplanationsByGroup.explain(FEATURES, PHI, GENDERS, List.of(FEMALE))
                .get(0);

        assertThat(female.facet()).isEqualTo(FEMALE);
        assertThat(female.facetMembers().rows()).isEqualTo(3);
        assertThat(female.facetMembers().features())
                .containsExactly(
                        new FeatureAttribution("credit__amount", (0.4 + -0.2 + 0.1) / 3, (0.4 + 0.2 + 0.1) / 3),
                        new FeatureAttribution("credit__duration", (-0.2 + 0.1 + -0.3) / 3, (0.2 + 0.1 + 0.3) / 3));
        assertThat(female.others().rows()).isEqualTo(2);
        assertThat(female.others().features())
                .containsExactly(
                        new FeatureAttribution("credit__amount", (-0.1 + 0.3) / 2, (0.1 + 0.3) / 2),
                        new FeatureAttribution("credit__duration", (0.3 + 0.5) / 2, (0.3 + 0.5) / 2));
    }

    @Test
    void accumulatesTheSameMeansRowByRowWithoutHoldingTheRows() {
        ExplanationsByGroup.Accumulator accumulator =
                ExplanationsByGroup.accumulator(FEATURES, List.of(FEMALE, Facet.category("personal__gender", "male")));
        for (int row = 0; row < PHI.size(); row++) {
            accumulator.add(PHI.get(row), GENDERS.get(row));
        }

        List<FacetExplanation> result = accumulator.result();
        // Male is the complement of female here: its members are female's "everyone else" (rows 1 and 3).
        assertThat(result.get(0).facetMembers().features())
                .containsExactly(
                        new FeatureAttribution("credit__amount", (0.4 + -0.2 + 0.1) / 3, (0.4 + 0.2 + 0.1) / 3),
                        new FeatureAttribution("credit__duration", (-0.2 + 0.1 + -0.3) / 3, (0.2 + 0.1 + 0.3) / 3));
        assertThat(result.get(1).facetMembers()).isEqualTo(result.get(0).others());
        assertThat(result.get(1).facetMembers().features())
                .containsExactly(
                        new FeatureAttribution("credit__amount", (-0.1 + 0.3) / 2, (0.1 + 0.3) / 2),
                        new FeatureAttribution("credit__duration", (0.3 + 0.5) / 2, (0.3 + 0.5) / 2));
        assertThat(result)
                .isEqualTo(ExplanationsByGroup.explain(
                        FEATURES, PHI, GENDERS, List.of(FEMALE, Facet.category("personal__gender", "male"))));
    }

    @Test
    void leavesTheSumsAsTheyWereWhenARowIsRefused() {
        Facet young = Facet.below("personal__age", 25);
        ExplanationsByGroup.Accumulator accumulator = ExplanationsByGroup.accumulator(FEATURES, List.of(FEMALE, young));
        accumulator.add(new double[] {0.4, -0.2}, Map.of("personal__gender", "female", "personal__age", "22"));

        // Female would take the row, the age facet cannot: nothing of it is added.
        assertThatThrownBy(() -> accumulator.add(new double[] {9, 9}, Map.of("personal__gender", "female")))
                .isInstanceOf(BiasException.class)
                .hasMessage("row 1 has no value of personal__age, which facet personal__age<25 needs");
        assertThat(accumulator.result().get(0).facetMembers())
                .isEqualTo(new GroupAttribution(
                        1,
                        List.of(
                                new FeatureAttribution("credit__amount", 0.4, 0.4),
                                new FeatureAttribution("credit__duration", -0.2, 0.2))));
    }

    @Test
    void ignoresTheBiasTermOfTreeShapsContributions() {
        List<double[]> withBias =
                PHI.stream().map(phi -> new double[] {phi[0], phi[1], -1.7}).toList();

        assertThat(ExplanationsByGroup.explain(FEATURES, withBias, GENDERS, List.of(FEMALE)))
                .isEqualTo(ExplanationsByGroup.explain(FEATURES, PHI, GENDERS, List.of(FEMALE)));
    }

    @Test
    void anEmptyGroupHasNoMeans() {
        FacetExplanation diverse = ExplanationsByGroup.explain(
                        FEATURES, PHI, GENDERS, List.of(Facet.category("personal__gender", "diverse")))
                .get(0);

        assertThat(diverse.facetMembers()).isEqualTo(new GroupAttribution(0, List.of()));
        assertThat(diverse.others().rows()).isEqualTo(5);
    }

    @Test
    void refusesRowsThatDoNotMatchTheFeatures() {
        assertThatThrownBy(() -> ExplanationsByGroup.explain(
                        FEATURES, List.of(new double[] {0.1}), GENDERS.subList(0, 1), List.of(FEMALE)))
                .isInstanceOf(BiasException.class)
                .hasMessage("row 0 has 1 SHAP values; the model has 2 features (give 2, or 3 with the bias last)");
        assertThatThrownBy(() -> ExplanationsByGroup.explain(FEATURES, PHI, GENDERS.subList(0, 2), List.of(FEMALE)))
                .isInstanceOf(BiasException.class)
                .hasMessage("5 rows of SHAP values but 2 rows of protected attributes; need one of each per applicant");
        assertThatThrownBy(() -> ExplanationsByGroup.explain(
                        FEATURES, List.of(new double[] {Double.NaN, 0}), GENDERS.subList(0, 1), List.of(FEMALE)))
                .isInstanceOf(BiasException.class)
                .hasMessage("row 0 has SHAP value NaN for credit__amount; need a number");
    }
}
