package com.example.credit.batch.runs;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The protected attributes the dashboard filters by (the ETL's {@code protected_test}), each coded into a few
 * groups: age in bands (under 25, 25–34, 35–49, 50–64, 65 and over; whole years), gender and relationship status as
 * the ETL's categories. They are personal data: the index keeps only the group codes, for filtering; no answer shows
 * an applicant's group and no message repeats a value.
 */
public enum ProtectedAttribute {
    AGE_BAND("age_band", "personal__age", List.of("<25", "25-34", "35-49", "50-64", "65+")),
    GENDER("personal__gender", "personal__gender", List.of("female", "male")),
    RELATIONSHIP_STATUS(
            "personal__relationship_status",
            "personal__relationship_status",
            List.of("single", "married", "divorced", "widowed"));

    /** The lower bound of each age band after the first, in years. */
    private static final int[] AGE_BAND_STARTS = {25, 35, 50, 65};

    private final String key;
    private final String source;
    private final List<String> groups;

    ProtectedAttribute(String key, String source, List<String> groups) {
        this.key = key;
        this.source = source;
        this.groups = groups;
    }

    /** The name in filter terms ({@code protected.<key>=<group>}) and in the summary. */
    public String key() {
        return key;
    }

    /** The field of the ETL's protected rows it is read from. */
    public String source() {
        return source;
    }

    /** The groups, in code order. */
    public List<String> groups() {
        return groups;
    }

    /** The attribute of a filter key, or null. */
    static ProtectedAttribute ofKey(String key) {
        for (ProtectedAttribute attribute : values()) {
            if (attribute.key.equals(key)) {
                return attribute;
            }
        }
        return null;
    }

    /** The attribute read from a field of the ETL's protected rows, or null. */
    static ProtectedAttribute ofSource(String source) {
        for (ProtectedAttribute attribute : values()) {
            if (attribute.source.equals(source)) {
                return attribute;
            }
        }
        return null;
    }

    /** The fields of the ETL's protected rows, for messages. */
    static List<String> sources() {
        return java.util.Arrays.stream(values()).map(ProtectedAttribute::source).toList();
    }

    /** The keys of every attribute, for messages. */
    static List<String> keys() {
        return java.util.Arrays.stream(values()).map(ProtectedAttribute::key).toList();
    }

    /**
     * The group code of a protected row's field: -1 when it is missing or null.
     *
     * @throws RunIndexException naming {@code where} and the rule, never the value (it is personal data)
     */
    int code(JsonNode field, String where) {
        if (field == null || field.isNull()) {
            return -1;
        }
        if (this == AGE_BAND) {
            if (!field.isNumber() || !(field.asDouble() >= 0)) {
                throw new RunIndexException(where + ": " + source + " is not a non-negative number (the value is"
                        + " personal data and is not repeated here)");
            }
            int band = 0;
            while (band < AGE_BAND_STARTS.length && Math.floor(field.asDouble()) >= AGE_BAND_STARTS[band]) {
                band++;
            }
            return band;
        }
        int code = field.isString() ? groups.indexOf(field.asString()) : -1;
        if (code < 0) {
            throw new RunIndexException(where + ": " + source + " is not one of " + groups + " (the value is personal"
                    + " data and is not repeated here)");
        }
        return code;
    }
}
