package com.example.credit.core.schema;

import java.util.Objects;

/**
 * One way in which an application breaks the schema.
 *
 * @param field the offending field (the feature name, or {@code $} for the document itself)
 * @param rule the schema keyword that failed, for example {@code enum}, {@code required}, {@code type}
 * @param message a sentence naming the field, the value and the rule
 */
public record Violation(String field, String rule, String message) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
