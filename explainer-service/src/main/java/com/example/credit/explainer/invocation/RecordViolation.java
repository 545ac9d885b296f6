package com.example.credit.explainer.invocation;

import java.util.Objects;

/**
 * One schema violation of one record of a request.
 *
 * @param record the 1-based number of the record in the request
 * @param line the 1-based line of the record in the body (JSON Lines, CSV), or 0 for JSON
 * @param field the offending field
 * @param rule the schema keyword that failed ({@code enum}, {@code required}, {@code type}, ...)
 * @param message a sentence naming the record, the field, the value and the rule
 */
public record RecordViolation(int record, int line, String field, String rule, String message) {

    public RecordViolation {
        if (record < 1) {
            throw new IllegalArgumentException("record number " + record + " must be 1 or more");
        }
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
