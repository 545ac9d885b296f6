package com.example.credit.etl.transform;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Flattens nested struct columns into top-level columns whose names join the path with {@code __}. */
public final class StructFlattener {

    /** Separator between the levels of a flattened name. */
    public static final String SEPARATOR = "__";

    private StructFlattener() {}

    /**
     * Replaces every struct column by its leaves: {@code finance.accounts.checking.balance} becomes
     * {@code finance__accounts__checking__balance}. Arrays and scalars keep their place and name.
     */
    public static Dataset<Row> flatten(Dataset<Row> rows) {
        List<Column> leaves = new ArrayList<>();
        for (StructField field : rows.schema().fields()) {
            collect(field, List.of(field.name()), leaves);
        }
        return rows.select(leaves.toArray(Column[]::new));
    }

    private static void collect(StructField field, List<String> path, List<Column> leaves) {
        if (field.dataType() instanceof StructType struct) {
            for (StructField child : struct.fields()) {
                List<String> childPath = new ArrayList<>(path);
                childPath.add(child.name());
                collect(child, childPath, leaves);
            }
        } else {
            leaves.add(col(quotedPath(path)).as(String.join(SEPARATOR, path)));
        }
    }

    // Back-quoting keeps a name containing a dot or a hyphen one path element.
    private static String quotedPath(List<String> path) {
        return String.join(".", path.stream().map(p -> "`" + p + "`").toList());
    }
}
