package com.example.credit.etl.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClassQuotaTests {

    @Test
    void sendsTheRoundedShareOfTheClassToTest() {
        ClassQuota quota = ClassQuota.of(true, new long[] {3, 0, 4, 3}, 0.2);
        assertThat(quota.count()).isEqualTo(10);
        assertThat(quota.testCount()).isEqualTo(2);
        assertThat(quota.trainCount()).isEqualTo(8);
    }

    @Test
    void locatesTheBucketAndRankOfTheLastTestRow() {
        // 10 of 50 rows go to test: buckets 0 and 1 hold 7, so the 3rd row of bucket 2 is the last one.
        ClassQuota quota = ClassQuota.of(false, new long[] {5, 2, 0, 10, 33}, 0.2);
        assertThat(quota.testCount()).isEqualTo(10);
        assertThat(quota.boundaryBucket()).isEqualTo(3);
        assertThat(quota.rankInBucket()).isEqualTo(3);
    }

    @Test
    void sendsNothingToTestWhenTheShareRoundsToZero() {
        ClassQuota quota = ClassQuota.of(true, new long[] {2}, 0.2);
        assertThat(quota.testCount()).isZero();
        assertThat(quota.boundaryBucket()).isEqualTo(-1);
        assertThat(quota.rankInBucket()).isZero();
    }

    @Test
    void rejectsTestFractionOfOne() {
        assertThatThrownBy(() -> ClassQuota.of(true, new long[] {2}, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test fraction 1.0 must lie in (0, 1)");
    }

    @Test
    void rejectsTestCountAboveClassSize() {
        assertThatThrownBy(() -> new ClassQuota(true, 3, 4, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class true: test count 4 must lie in [0, 3]");
    }
}
