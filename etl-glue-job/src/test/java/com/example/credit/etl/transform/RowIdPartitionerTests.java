package com.example.credit.etl.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RowIdPartitionerTests {

    @Test
    void mapsRowIdRangesToPartitionsInOrder() {
        RowIdPartitioner partitioner = new RowIdPartitioner(4);
        assertThat(partitioner.getPartition("0000000000000000")).isZero();
        assertThat(partitioner.getPartition("3fffffffffffffff")).isZero();
        assertThat(partitioner.getPartition("4000000000000000")).isEqualTo(1);
        assertThat(partitioner.getPartition("bfffffff00000000")).isEqualTo(2);
        assertThat(partitioner.getPartition("ffffffffffffffff")).isEqualTo(3);
    }

    @Test
    void keepsEveryRowIdInOnePartitionWhenThereIsOne() {
        assertThat(new RowIdPartitioner(1).getPartition("ffffffffffffffff")).isZero();
    }

    @Test
    void rejectsZeroPartitions() {
        assertThatThrownBy(() -> new RowIdPartitioner(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partitions must be at least 1, got 0");
    }
}
