package com.example.credit.etl.transform;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.Tuple2;

/** Puts rows into row id order across a fixed number of partitions, so part files come out sorted. */
public final class RowOrder {

    private RowOrder() {}

    /**
     * Range-partitions by row id with {@link RowIdPartitioner} and sorts within each partition: partition
     * i holds only row ids below those of partition i + 1, so writing the partitions in order gives one
     * sorted sequence. Unlike {@code repartitionByRange}, no sample decides the boundaries, so two runs
     * produce identical part files.
     */
    public static Dataset<Row> sortedByRowId(Dataset<Row> rows, int partitions) {
        int rowIdIndex = rows.schema().fieldIndex(Columns.ROW_ID);
        JavaRDD<Row> ranged = rows.toJavaRDD()
                .mapToPair(row -> new Tuple2<>(row.getString(rowIdIndex), valuesOnly(row)))
                .partitionBy(new RowIdPartitioner(partitions))
                .values();
        return rows.sparkSession().createDataFrame(ranged, rows.schema()).sortWithinPartitions(Columns.ROW_ID);
    }

    // Rows from toJavaRDD carry their schema; shuffling plain values keeps the schema out of every record.
    private static Row valuesOnly(Row row) {
        Object[] values = new Object[row.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        return RowFactory.create(values);
    }
}
