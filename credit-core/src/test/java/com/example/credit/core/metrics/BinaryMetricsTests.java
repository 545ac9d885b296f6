package com.example.credit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryMetricsTests {

    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void aucIsOneWhenEveryPositiveScoresAboveEveryNegative() {
        assertThat(BinaryMetrics.auc(new double[] {0.1, 0.2, 0.8, 0.9}, new boolean[] {F, F, T, T}))
                .isEqualTo(1.0);
    }

    @Test
    void aucIsZeroWhenTheOrderIsReversed() {
        assertThat(BinaryMetrics.auc(new double[] {0.9, 0.8, 0.2, 0.1}, new boolean[] {F, F, T, T}))
                .isEqualTo(0.0);
    }

    @Test
    void aucCountsOrderedPairs() {
        // Pairs (positive, negative): (0.35, 0.1) yes, (0.35, 0.4) no, (0.8, 0.1) yes, (0.8, 0.4) yes -> 3/4.
        assertThat(BinaryMetrics.auc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {F, F, T, T}))
                .isEqualTo(0.75);
    }

    @Test
    void aucCountsTiedPairsAsOneHalf() {
        // Positives 0.5, 0.7; negatives 0.5, 0.2: (0.5, 0.5) half, (0.5, 0.2) one, (0.7, 0.5) one, (0.7, 0.2) one.
        assertThat(BinaryMetrics.auc(new double[] {0.5, 0.7, 0.5, 0.2}, new boolean[] {T, T, F, F}))
                .isEqualTo(3.5 / 4);
        assertThat(BinaryMetrics.auc(new double[] {0.3, 0.3, 0.3}, new boolean[] {T, F, F}))
                .isEqualTo(0.5);
    }

    @Test
    void aucRejectsASingleClass() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BinaryMetrics.auc(new double[] {0.1, 0.2}, new boolean[] {T, T}))
                .withMessage("the AUC needs both classes; got 2 positive and 0 negative rows");
    }

    @Test
    void logLossAveragesTheNegativeLogLikelihood() {
        // -(ln 0.9 + ln (1 - 0.2)) / 2 = (0.1053605 + 0.2231436) / 2
        assertThat(BinaryMetrics.logLoss(new double[] {0.9, 0.2}, new boolean[] {T, F}))
                .isCloseTo(0.16425203, within(1e-8));
        assertThat(BinaryMetrics.logLoss(new double[] {0.5, 0.5}, new boolean[] {T, F}))
                .isCloseTo(Math.log(2), within(1e-15));
    }

    @Test
    void logLossClipsCertainWrongPredictionsInsteadOfReturningInfinity() {
        assertThat(BinaryMetrics.logLoss(new double[] {0.0}, new boolean[] {T}))
                .isCloseTo(-Math.log(1e-15), within(1e-9));
    }

    @Test
    void logLossRejectsAProbabilityOutsideTheUnitInterval() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BinaryMetrics.logLoss(new double[] {1.5}, new boolean[] {T}))
                .withMessage("probability 1.5 at row 0 is outside [0, 1]");
    }

    @Test
    void standardDeviationDividesByTheCount() {
        assertThat(BinaryMetrics.standardDeviation(new double[] {2, 4, 4, 4, 5, 5, 7, 9}))
                .isEqualTo(2.0);
        assertThat(BinaryMetrics.mean(new double[] {0.7, 0.8})).isCloseTo(0.75, within(1e-15));
    }

    @Test
    void tracesTheRocCurveFromTheHighestScoreDownWithTiesAsOneStep() {
        double[] scores = {0.1, 0.8, 0.8, 0.4};
        boolean[] labels = {false, false, true, true};

        List<BinaryMetrics.RocPoint> roc = BinaryMetrics.roc(scores, labels);

        assertThat(roc)
                .extracting(BinaryMetrics.RocPoint::falsePositiveRate, BinaryMetrics.RocPoint::truePositiveRate)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0.0, 0.0),
                        org.assertj.core.groups.Tuple.tuple(0.5, 0.5),
                        org.assertj.core.groups.Tuple.tuple(0.5, 1.0),
                        org.assertj.core.groups.Tuple.tuple(1.0, 1.0));
        assertThat(roc)
                .extracting(BinaryMetrics.RocPoint::threshold)
                .containsExactly(Double.POSITIVE_INFINITY, 0.8, 0.4, 0.1);
    }

    @Test
    void hasTheAreaOfItsRocCurve() {
        double[] scores = {0.05, 0.3, 0.3, 0.5, 0.55, 0.7, 0.7, 0.7, 0.9, 0.2};
        boolean[] labels = {false, true, false, false, true, true, false, true, true, false};
        List<BinaryMetrics.RocPoint> roc = BinaryMetrics.roc(scores, labels);
        double area = 0;
        for (int i = 1; i < roc.size(); i++) {
            area += (roc.get(i).falsePositiveRate() - roc.get(i - 1).falsePositiveRate())
                    * (roc.get(i).truePositiveRate() + roc.get(i - 1).truePositiveRate())
                    / 2;
        }

        assertThat(BinaryMetrics.auc(scores, labels)).isCloseTo(area, within(1e-12));
    }

    @Test
    void rocRejectsANanScore() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BinaryMetrics.roc(new double[] {Double.NaN, 0.2}, new boolean[] {true, false}))
                .withMessage("score 0 is NaN; the AUC needs numbers");
    }

    @Test
    void brierScoreIsTheMeanSquaredErrorOfTheProbabilities() {
        double[] p = {0.9, 0.2, 0.5, 0.0};
        boolean[] y = {true, false, true, false};

        // (0.01 + 0.04 + 0.25 + 0) / 4
        assertThat(BinaryMetrics.brier(p, y)).isCloseTo(0.075, within(1e-15));
        assertThat(BinaryMetrics.brier(new double[] {0.3, 0.3, 0.3}, new boolean[] {true, false, false}))
                .as("the base rate predicted everywhere scores p(1 - p)")
                .isCloseTo(1 / 3.0 * (1 - 1 / 3.0) + (0.3 - 1 / 3.0) * (0.3 - 1 / 3.0), within(1e-15));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BinaryMetrics.brier(new double[] {1.5}, new boolean[] {true}))
                .withMessageContaining("probability 1.5 at row 0 is outside [0, 1]");
    }

    @Test
    void reliabilityTableBinsByPredictionWithCountsMeansAndObservedRates() {
        double[] p = {0.05, 0.08, 0.15, 0.95, 1.0, 0.55};
        boolean[] y = {false, true, false, true, true, false};

        List<ReliabilityBin> table = BinaryMetrics.reliability(p, y, 10);

        assertThat(table).hasSize(10);
        assertThat(table.get(0).count()).isEqualTo(2);
        assertThat(table.get(0).meanPredicted()).isCloseTo(0.065, within(1e-15));
        assertThat(table.get(0).observedRate()).isEqualTo(0.5);
        assertThat(table.get(1).count()).isEqualTo(1);
        assertThat(table.get(9).count()).as("1.0 falls in the last bin").isEqualTo(2);
        assertThat(table.get(9).observedRate()).isEqualTo(1.0);
        assertThat(table.get(3).count()).isZero();
        assertThat(table.get(3).meanPredicted()).isNaN();
        assertThat(table.stream().mapToLong(ReliabilityBin::count).sum()).isEqualTo(p.length);
        assertThat(table.get(9).upper()).isEqualTo(1.0);
    }
}
