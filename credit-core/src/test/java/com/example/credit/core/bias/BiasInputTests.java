package com.example.credit.core.bias;

import static com.example.credit.core.bias.Tables.AGE;
import static com.example.credit.core.bias.Tables.FEMALE;
import static com.example.credit.core.bias.Tables.GENDER;
import static com.example.credit.core.bias.Tables.PURPOSE;
import static com.example.credit.core.bias.Tables.THRESHOLD;
import static com.example.credit.core.bias.Tables.labelled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.core.CreditCoreException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Input a bias analysis cannot use is refused with a message naming the row, the value and the rule. */
class BiasInputTests {

    @Test
    void refusesAnAnalysisWithoutRowsOrFacets() {
        assertThatThrownBy(() -> BiasAnalysis.preTraining(List.of(), List.of(FEMALE), Optional.empty()))
                .isInstanceOf(BiasException.class)
                .isInstanceOf(CreditCoreException.class)
                .hasMessage("a bias analysis needs at least one row; got none");
        assertThatThrownBy(() -> BiasAnalysis.preTraining(labelled("female", 1, 1), List.of(), Optional.empty()))
                .isInstanceOf(BiasException.class)
                .hasMessage("a bias analysis needs at least one facet; got none");
    }

    @Test
    void refusesTheSameFacetTwice() {
        assertThatThrownBy(() -> BiasAnalysis.preTraining(
                        labelled("female", 1, 1), List.of(FEMALE, Facet.category(GENDER, "female")), Optional.empty()))
                .isInstanceOf(BiasException.class)
                .hasMessage("facet personal__gender=female appears twice; give each facet once");
    }

    @Test
    void refusesARowWithoutTheFacetsAttribute() {
        List<Row> rows = List.of(Row.labelled(false, Map.of(GENDER, "female")), Row.labelled(true, Map.of()));

        assertThatThrownBy(() -> BiasAnalysis.preTraining(rows, List.of(FEMALE), Optional.empty()))
                .isInstanceOf(BiasException.class)
                .hasMessage("row 1 has no value of personal__gender, which facet personal__gender=female needs");
    }

    @Test
    void refusesAnAgeThatIsNotANumberNamingTheRow() {
        List<Row> rows = List.of(Row.labelled(false, Map.of(AGE, "31")), Row.labelled(true, Map.of(AGE, "unknown")));

        assertThatThrownBy(() -> BiasAnalysis.preTraining(rows, List.of(Facet.below(AGE, 25)), Optional.empty()))
                .isInstanceOf(BiasException.class)
                .hasMessage("row 1: personal__age value 'unknown' is not a number; facet personal__age<25 compares"
                        + " numbers");
    }

    @Test
    void refusesARowWithoutTheGroupVariablesValue() {
        List<Row> rows = List.of(
                Row.labelled(false, Map.of(GENDER, "female"), "car"), Row.labelled(true, Map.of(GENDER, "male")));

        assertThatThrownBy(() -> BiasAnalysis.preTraining(rows, List.of(FEMALE), Optional.of(PURPOSE)))
                .isInstanceOf(BiasException.class)
                .hasMessage("row 1 has no value of the group variable credit__purpose");
    }

    @Test
    void refusesPostTrainingRowsWithoutAPrediction() {
        assertThatThrownBy(() -> BiasAnalysis.postTraining(
                        labelled("female", 1, 1), List.of(FEMALE), Optional.empty(), THRESHOLD))
                .isInstanceOf(BiasException.class)
                .hasMessage("row 0 has no probability of default; post-training metrics need the model's prediction"
                        + " for every row");
    }

    @Test
    void refusesAThresholdOutsideTheOpenUnitInterval() {
        for (double threshold : new double[] {0, 1, -0.1, Double.NaN}) {
            assertThatThrownBy(() -> BiasAnalysis.postTraining(
                            List.of(Row.scored(false, 0.1, Map.of(GENDER, "female"))),
                            List.of(FEMALE),
                            Optional.empty(),
                            threshold))
                    .isInstanceOf(BiasException.class)
                    .hasMessage("the approval threshold " + threshold + " must lie strictly between 0 and 1");
        }
    }

    @Test
    void refusesAProbabilityOutsideTheUnitInterval() {
        assertThatThrownBy(() -> Row.scored(false, 1.5, Map.of()))
                .isInstanceOf(BiasException.class)
                .hasMessage("probability of default 1.5 is outside [0, 1]");
        assertThatThrownBy(() -> Row.scored(false, Double.NaN, Map.of()))
                .isInstanceOf(BiasException.class)
                .hasMessage("probability of default NaN is outside [0, 1]");
    }

    @Test
    void ignoresPredictionsBeforeTraining() {
        List<Row> rows = List.of(
                Row.scored(false, 0.1, Map.of(GENDER, "female")), Row.scored(true, 0.9, Map.of(GENDER, "male")));

        BiasReport report = BiasAnalysis.preTraining(rows, List.of(FEMALE), Optional.empty());

        assertThat(report.predictionThreshold()).isEmpty();
        assertThat(report.facets().get(0).counts().facet().predictions()).isEmpty();
    }

    @Test
    void namesTheStageAMetricBelongsToWhenAskedForTheWrongOne() {
        FacetReport report = BiasAnalysis.preTraining(labelled("female", 1, 1), List.of(FEMALE), Optional.empty())
                .facets()
                .get(0);

        assertThatThrownBy(() -> report.metric(BiasMetric.DI))
                .isInstanceOf(BiasException.class)
                .hasMessage("the report of facet personal__gender=female has no metric DI; it is a post_training"
                        + " metric");
    }
}
