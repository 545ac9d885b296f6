package com.example.credit.etl.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import com.example.credit.core.schema.FeatureCatalog;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Joins credits, people and telephones into prepared rows: row id, acceptance flag, the features in
 * schema order, the label and the protected attributes.
 *
 * <p>PII is removed by allow-list: only these columns are selected, so names, job titles, ids and
 * contact values cannot reach any output, whatever else the raw files carry.
 */
public final class PreparedRows {

    private static final String PEOPLE_KEY = "_people_person_id";
    private static final String PHONES_KEY = "_phones_person_id";
    private static final String PERSON_FOUND = "_person_found";

    private PreparedRows() {}

    /**
     * Credits joined to their person (a credit whose person is missing or malformed stays, with {@link
     * Columns#ACCEPTED} false, so it can be counted as a rejection) and to the telephone flag (a person
     * without contacts has none).
     *
     * @param credits rows of {@link CreditsTransform#prepare}
     * @param people rows of {@link PeopleTransform#flatten}
     * @param telephones rows of {@link ContactsTransform#telephones}
     */
    public static Dataset<Row> assemble(
            Dataset<Row> credits, Dataset<Row> people, Dataset<Row> telephones, FeatureCatalog catalog) {
        List<Column> personColumns = new ArrayList<>();
        personColumns.add(col(Columns.PERSON_ID).as(PEOPLE_KEY));
        personColumns.add(lit(true).as(PERSON_FOUND));
        PeopleTransform.personFeatures(catalog).forEach(name -> personColumns.add(col(name)));
        Columns.PROTECTED.forEach(name -> personColumns.add(col(name)));
        Dataset<Row> wellFormedPeople =
                people.filter(not(col(Columns.MALFORMED))).select(personColumns.toArray(Column[]::new));
        Dataset<Row> phones = telephones.withColumnRenamed(Columns.PERSON_ID, PHONES_KEY);

        Dataset<Row> joined = credits.filter(not(col(Columns.MALFORMED)))
                .join(wellFormedPeople, col(Columns.PERSON_ID).equalTo(col(PEOPLE_KEY)), "left")
                .join(phones, col(Columns.PERSON_ID).equalTo(col(PHONES_KEY)), "left");

        List<Column> columns = new ArrayList<>();
        columns.add(col(Columns.ROW_ID));
        columns.add(col(Columns.GROUP));
        columns.add(coalesce(col(PERSON_FOUND), lit(false)).as(Columns.ACCEPTED));
        for (String feature : catalog.names()) {
            columns.add(
                    feature.equals(Columns.HAS_TELEPHONE)
                            ? coalesce(col(feature), lit(0)).as(feature)
                            : col(feature));
        }
        columns.add(col(Columns.LABEL));
        Columns.PROTECTED.forEach(name -> columns.add(col(name)));
        return joined.select(columns.toArray(Column[]::new));
    }

    /** The columns of a data row: row id and the features in schema order. */
    public static Column[] dataColumns(FeatureCatalog catalog) {
        List<Column> columns = new ArrayList<>();
        columns.add(col(Columns.ROW_ID));
        catalog.names().forEach(name -> columns.add(col(name)));
        return columns.toArray(Column[]::new);
    }

    /**
     * The columns of a split-group row ({@code row_id}, {@code group}): metadata for training's cross-validation,
     * never a feature; the group is {@code derived-from-N} or the row id, nothing personal.
     */
    public static Column[] groupColumns() {
        return new Column[] {col(Columns.ROW_ID), col(Columns.GROUP).as("group")};
    }

    /** The columns of a label row. */
    public static Column[] labelColumns() {
        return new Column[] {col(Columns.ROW_ID), col(Columns.LABEL)};
    }

    /** The columns of a protected row. */
    public static Column[] protectedColumns() {
        List<Column> columns = new ArrayList<>();
        columns.add(col(Columns.ROW_ID));
        Columns.PROTECTED.forEach(name -> columns.add(col(name)));
        return columns.toArray(Column[]::new);
    }
}
