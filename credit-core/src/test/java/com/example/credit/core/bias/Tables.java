package com.example.credit.core.bias;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds rows from the counts a test writes down, so that every table in a test is a few numbers. */
final class Tables {

    static final String GENDER = "personal__gender";
    static final String AGE = "personal__age";
    static final String PURPOSE = "credit__purpose";

    /** Approved when the probability of default is below 0.5. */
    static final double THRESHOLD = 0.5;

    static final Facet FEMALE = Facet.category(GENDER, "female");
    static final Facet MALE = Facet.category(GENDER, "male");

    private static final double APPROVE = 0.2;
    private static final double REJECT = 0.8;

    private Tables() {}

    /** Training rows of one gender: {@code repaid} rows that repaid, {@code defaulted} that defaulted. */
    static List<Row> labelled(String gender, int repaid, int defaulted) {
        List<Row> rows = new ArrayList<>();
        add(rows, repaid, () -> Row.labelled(false, Map.of(GENDER, gender)));
        add(rows, defaulted, () -> Row.labelled(true, Map.of(GENDER, gender)));
        return rows;
    }

    /** Training rows of one gender in one group of {@code credit__purpose}. */
    static List<Row> labelled(String gender, String purpose, int repaid, int defaulted) {
        List<Row> rows = new ArrayList<>();
        add(rows, repaid, () -> Row.labelled(false, Map.of(GENDER, gender), purpose));
        add(rows, defaulted, () -> Row.labelled(true, Map.of(GENDER, gender), purpose));
        return rows;
    }

    /**
     * Scored rows of one gender from its confusion matrix (favourable = repaid = positive): {@code tp} repaid and
     * approved, {@code fp} defaulted and approved, {@code fn} repaid and rejected, {@code tn} defaulted and rejected.
     */
    static List<Row> scored(String gender, int tp, int fp, int fn, int tn) {
        return scored(gender, null, tp, fp, fn, tn);
    }

    /** Scored rows of one gender in one group of {@code credit__purpose} (none when {@code purpose} is null). */
    static List<Row> scored(String gender, String purpose, int tp, int fp, int fn, int tn) {
        List<Row> rows = new ArrayList<>();
        add(rows, tp, () -> scoredRow(false, APPROVE, gender, purpose));
        add(rows, fp, () -> scoredRow(true, APPROVE, gender, purpose));
        add(rows, fn, () -> scoredRow(false, REJECT, gender, purpose));
        add(rows, tn, () -> scoredRow(true, REJECT, gender, purpose));
        return rows;
    }

    static List<Row> concat(List<Row> first, List<Row> second) {
        return concat(List.of(first, second));
    }

    static List<Row> concat(List<Row> first, List<Row> second, List<Row> third, List<Row> fourth) {
        return concat(List.of(first, second, third, fourth));
    }

    private static List<Row> concat(List<List<Row>> parts) {
        List<Row> rows = new ArrayList<>();
        parts.forEach(rows::addAll);
        return rows;
    }

    private static Row scoredRow(boolean defaulted, double p, String gender, String purpose) {
        return purpose == null
                ? Row.scored(defaulted, p, Map.of(GENDER, gender))
                : Row.scored(defaulted, p, Map.of(GENDER, gender), purpose);
    }

    private static void add(List<Row> rows, int count, java.util.function.Supplier<Row> row) {
        for (int k = 0; k < count; k++) {
            rows.add(row.get());
        }
    }
}
