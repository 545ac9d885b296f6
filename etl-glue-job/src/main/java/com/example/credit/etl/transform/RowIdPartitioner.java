package com.example.credit.etl.transform;

import org.apache.spark.Partitioner;

/**
 * Sends a row to the partition that owns its row id's range: the hex row id is uniform, so equal slices
 * of the 32-bit prefix give partitions of equal size, in row id order, without sampling.
 */
public final class RowIdPartitioner extends Partitioner {

    private static final long serialVersionUID = 1L;
    private static final int PREFIX_HEX_CHARS = 8;

    private final int partitions;

    public RowIdPartitioner(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        if (key == null) {
            return 0;
        }
        long prefix = Long.parseLong(((String) key).substring(0, PREFIX_HEX_CHARS), 16);
        return (int) ((prefix * partitions) >>> Integer.SIZE);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowIdPartitioner that && that.partitions == partitions;
    }

    @Override
    public int hashCode() {
        return partitions;
    }
}
