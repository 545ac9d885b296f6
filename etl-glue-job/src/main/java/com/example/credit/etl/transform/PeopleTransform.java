package com.example.credit.etl.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import com.example.credit.core.schema.FeatureCatalog;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Flattens people.jsonl into one row per person with the person-level features and the protected
 * attributes; names, job titles and dependents' details are left behind.
 */
public final class PeopleTransform {

    /** The balance of an account the applicant does not have. */
    public static final String NO_ACCOUNT = "no_account";

    private static final List<String> ACCOUNTS = List.of("checking", "savings");

    private PeopleTransform() {}

    /**
     * One row per line of people.jsonl: {@link Columns#PERSON_ID}, {@link Columns#MALFORMED}, the
     * features of the schema that describe the person, and {@link Columns#PROTECTED}.
     */
    public static Dataset<Row> flatten(Dataset<Row> rawPeople, FeatureCatalog catalog) {
        Dataset<Row> marked = rawPeople;
        // An absent account key means "no such account"; a present key without a balance is an error,
        // so presence is recorded before flattening erases the difference.
        for (String account : ACCOUNTS) {
            marked = marked.withColumn(
                    hasAccount(account), col("finance.accounts." + account).isNotNull());
        }
        Dataset<Row> flat = StructFlattener.flatten(marked);
        List<Column> columns = new ArrayList<>();
        columns.add(col(Columns.PERSON_ID));
        columns.add(col(Columns.CORRUPT_RECORD).isNotNull().as(Columns.MALFORMED));
        for (String feature : personFeatures(catalog)) {
            columns.add(feature(feature).as(feature));
        }
        Columns.PROTECTED.forEach(name -> columns.add(col(name)));
        return flat.select(columns.toArray(Column[]::new));
    }

    /** The features that people.jsonl provides, in schema order. */
    public static List<String> personFeatures(FeatureCatalog catalog) {
        return catalog.names().stream()
                .filter(name -> !name.startsWith(Columns.CREDIT_PREFIX) && !name.equals(Columns.HAS_TELEPHONE))
                .toList();
    }

    private static Column feature(String name) {
        if (name.equals(Columns.NUM_DEPENDENTS)) {
            // A person without dependents may be written with an empty or an absent array.
            return when(col("dependents").isNull(), lit(0)).otherwise(size(col("dependents")));
        }
        for (String account : ACCOUNTS) {
            if (name.equals("finance__accounts__" + account + "__balance")) {
                return when(not(col(hasAccount(account))), lit(NO_ACCOUNT)).otherwise(col(name));
            }
        }
        return col(name);
    }

    private static String hasAccount(String account) {
        return "_has_" + account;
    }
}
