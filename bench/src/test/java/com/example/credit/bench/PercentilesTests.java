package com.example.credit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTests {

    @Test
    void takesTheNearestRankOfTheSortedSamples() {
        long[] samples = new long[100];
        for (int i = 0; i < samples.length; i++) {
            // 100, 99, ..., 1: the order of arrival must not matter.
            samples[i] = 100 - i;
        }
        Percentiles percentiles = Percentiles.of(samples, samples.length);

        assertThat(percentiles.percentile(50)).isEqualTo(50);
        assertThat(percentiles.percentile(99)).isEqualTo(99);
        assertThat(percentiles.percentile(100)).isEqualTo(100);
        assertThat(percentiles.percentile(0.5)).isEqualTo(1);
    }

    @Test
    void usesOnlyTheRecordedPartOfTheBuffer() {
        Percentiles percentiles = Percentiles.of(new long[] {7, 3, 5, 0, 0}, 3);

        assertThat(percentiles.count()).isEqualTo(3);
        assertThat(percentiles.percentile(50)).isEqualTo(5);
        assertThat(percentiles.percentile(100)).isEqualTo(7);
    }

    @Test
    void roundsTheRankUpForSmallSamples() {
        Percentiles percentiles = Percentiles.of(new long[] {10, 20, 30}, 3);

        assertThat(percentiles.percentile(99)).isEqualTo(30);
        assertThat(percentiles.percentile(34)).isEqualTo(20);
    }

    @Test
    void rejectsAnEmptySampleAndPercentilesOutsideTheRange() {
        assertThatThrownBy(() -> Percentiles.of(new long[4], 0)).isInstanceOf(BenchException.class);
        Percentiles percentiles = Percentiles.of(new long[] {1}, 1);
        assertThatThrownBy(() -> percentiles.percentile(0))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("must be in (0, 100]");
        assertThatThrownBy(() -> percentiles.percentile(101)).isInstanceOf(BenchException.class);
    }
}
