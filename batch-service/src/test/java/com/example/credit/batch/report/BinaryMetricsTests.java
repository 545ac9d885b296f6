package com.example.credit.batch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.batch.ReportException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryMetricsTests {

    @Test
    void isOneForAPerfectRankingAndZeroForAReversedOne() {
        double[] scores = {0.1, 0.2, 0.8, 0.9};

        assertThat(BinaryMetrics.auc(scores, new boolean[] {false, false, true, true}))
                .isEqualTo(1.0);
        assertThat(BinaryMetrics.auc(scores, new boolean[] {true, true, false, false}))
                .isEqualTo(0.0);
    }

    @Test
    void countsTiesAsOneHalf() {
        // Pairs (positive, negative): (0.8, 0.1) right, (0.8, 0.8) tie, (0.4, 0.1) right, (0.4, 0.8) wrong:
        // (1 + 0.5 + 1 + 0) / 4.
        double[] scores = {0.1, 0.8, 0.8, 0.4};
        boolean[] labels = {false, false, true, true};

        assertThat(BinaryMetrics.auc(scores, labels)).isEqualTo(0.625);
    }

    @Test
    void isOneHalfWhenEveryScoreIsTheSame() {
        assertThat(BinaryMetrics.auc(new double[] {0.3, 0.3, 0.3}, new boolean[] {true, false, false}))
                .isEqualTo(0.5);
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
    void rejectsLabelsOfOneClass() {
        assertThatThrownBy(() -> BinaryMetrics.auc(new double[] {0.1, 0.2}, new boolean[] {true, true}))
                .isInstanceOf(ReportException.class)
                .hasMessage("AUC needs both defaulted and repaid credits among the 2 labelled records, found only"
                        + " defaulted ones");
    }
}
