package com.example.credit.etl.transform;

import java.util.List;

/** Column names shared by the transforms: the raw keys, the prepared outputs and internal markers. */
public final class Columns {

    /** Stable id of a prepared row: the first 16 hex characters of SHA-256 of the credit id. */
    public static final String ROW_ID = "row_id";

    /** The label column of the prepared datasets. */
    public static final String LABEL = "credit__default";

    /** Raw id of a credit; PII-free but still an id, so it never leaves the job. */
    public static final String CREDIT_ID = "credit_id";

    /**
     * Raw credits column (format 2): the Statlog row number a synthetic applicant derives from, empty for an
     * original row. Used for the split only; never a feature, never in a prepared output.
     */
    public static final String DERIVED_FROM = "derived_from";

    /**
     * The unit the split keeps whole: {@code derived-from-N} for the near-duplicates of Statlog row N, else the
     * row id (every other row is its own group). Internal, never written.
     */
    public static final String GROUP = "_group";

    /** Raw id of a person, the join key of the three raw datasets. */
    public static final String PERSON_ID = "person_id";

    /** Where Spark's PERMISSIVE readers put the text of a line they could not parse. */
    public static final String CORRUPT_RECORD = "_corrupt_record";

    /** True for a raw line Spark could not parse against the raw schema. */
    public static final String MALFORMED = "_malformed";

    /** True for a credit whose person was found (false: rejected as a credit of an unknown person). */
    public static final String ACCEPTED = "_accepted";

    /** Prefix of every column that comes from credits.csv. */
    public static final String CREDIT_PREFIX = "credit__";

    /** The feature derived from the contacts. */
    public static final String HAS_TELEPHONE = "contact__has_telephone";

    /** The feature derived from the dependents array. */
    public static final String NUM_DEPENDENTS = "personal__num_dependents";

    /** Attributes kept apart for fairness analysis, never among the features. */
    public static final List<String> PROTECTED =
            List.of("personal__age", "personal__gender", "personal__relationship_status");

    private Columns() {}
}
