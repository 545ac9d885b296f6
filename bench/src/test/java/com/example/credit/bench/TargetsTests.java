package com.example.credit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetsTests {

    @Test
    void aSpeedUpAtOrAboveItsGoalIsReached() {
        assertThat(Targets.SHAP_ONE_ROW.forModel("credit").line(5.0))
                .isEqualTo("target shap-one-row-vs-lightgbm/credit: 5.00x (goal >= 5.00x) reached");
        assertThat(Targets.SHAP_ONE_ROW.forModel("credit").line(4.99))
                .isEqualTo("target shap-one-row-vs-lightgbm/credit: 4.99x (goal >= 5.00x) missed");
    }

    @Test
    void aCostAtOrBelowItsGoalIsReached() {
        assertThat(Targets.SHAP_COST.line(20.0)).endsWith("20.00x (goal <= 20.00x) reached");
        assertThat(Targets.SHAP_COST.line(32.2)).endsWith("32.20x (goal <= 20.00x) missed");
        assertThat(Targets.SERVER_CPU_PER_RECORD.line(1.9)).endsWith("1.90x (goal <= 1.25x) missed");
    }

    @Test
    void sharesAreWrittenAsPercentages() {
        assertThat(Targets.INVOCATIONS_VS_PING.line(0.496))
                .isEqualTo("target invocations-vs-ping-throughput: 49.6% (goal >= 75.0%) missed");
        assertThat(Targets.BATCH_JOB_VS_ENGINE.line(0.75))
                .isEqualTo("target batch-job-1-concurrent-vs-engine: 75.0% (goal >= 75.0%) reached");
    }

    @Test
    void differencesAreWrittenInScientificNotationAndDifferingRowsAsACount() {
        assertThat(Targets.MAX_DIFFERENCE.line(1.21e-14))
                .isEqualTo("target max-abs-diff-to-lightgbm: 1.2e-14 (goal <= 1.0e-09) reached");
        assertThat(Targets.MAX_DIFFERENCE.line(2e-9)).endsWith("missed");
        assertThat(Targets.SAME_BITS.line(0)).isEqualTo("target one-row-bits-differ-in-batch: 0 (goal <= 0) reached");
        assertThat(Targets.SAME_BITS.line(3)).isEqualTo("target one-row-bits-differ-in-batch: 3 (goal <= 0) missed");
    }

    @Test
    void aValueNotMeasuredIsMissed() {
        assertThat(Targets.BATCH_JOB_VS_ENGINE.line(Double.NaN))
                .isEqualTo("target batch-job-1-concurrent-vs-engine: not-measured (goal >= 75.0%) missed");
        assertThat(Targets.MAX_DIFFERENCE.reached(Double.NaN)).isFalse();
    }

    @Test
    void aNoteFollowsTheVerdictInBrackets() {
        assertThat(Targets.SHAP_BATCH.line(10.5, "by CPU time; JMH wall-clock 9.87x"))
                .isEqualTo("target shap-batch-vs-lightgbm: 10.50x (goal >= 10.00x) reached"
                        + " [by CPU time; JMH wall-clock 9.87x]");
        assertThat(Targets.SHAP_BATCH.line(10.5, " ")).isEqualTo(Targets.SHAP_BATCH.line(10.5));
    }

    @Test
    void everyLineMatchesTheFormatScriptsParse() {
        String format = "target \\S+: \\S+ \\(goal (>=|<=) \\S+\\) (reached|missed)( \\[.*\\])?";
        for (Targets.Target target : Targets.ALL) {
            assertThat(target.line(1.0)).matches(format);
            assertThat(target.forModel("trees500x63").line(Double.NaN, "a note"))
                    .matches(format);
        }
    }

    @Test
    void holdsTheGoalsOfTheIssuesTable() {
        assertThat(Targets.ALL)
                .extracting(Targets.Target::name, Targets.Target::direction, Targets.Target::goal)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "invocations-vs-ping-throughput", Targets.Direction.AT_LEAST, 0.75),
                        org.assertj.core.groups.Tuple.tuple(
                                "batch-job-1-concurrent-vs-engine", Targets.Direction.AT_LEAST, 0.75),
                        org.assertj.core.groups.Tuple.tuple(
                                "server-cpu-per-record-vs-engine", Targets.Direction.AT_MOST, 1.25),
                        org.assertj.core.groups.Tuple.tuple(
                                "shap-one-row-vs-lightgbm", Targets.Direction.AT_LEAST, 5.0),
                        org.assertj.core.groups.Tuple.tuple("shap-batch-vs-lightgbm", Targets.Direction.AT_LEAST, 10.0),
                        org.assertj.core.groups.Tuple.tuple(
                                "shap-cost-over-predict-batch", Targets.Direction.AT_MOST, 20.0),
                        org.assertj.core.groups.Tuple.tuple(
                                "interactions-cost-over-shap", Targets.Direction.AT_MOST, 6.0),
                        org.assertj.core.groups.Tuple.tuple(
                                "max-abs-diff-to-lightgbm", Targets.Direction.AT_MOST, 1e-9),
                        org.assertj.core.groups.Tuple.tuple(
                                "one-row-bits-differ-in-batch", Targets.Direction.AT_MOST, 0.0));
    }

    @Test
    void refusesANameWithBlanks() {
        assertThatThrownBy(() -> new Targets.Target("two words", Targets.Direction.AT_MOST, 1, Targets.Unit.TIMES))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("'two words' must be non-empty and without blanks");
    }
}
