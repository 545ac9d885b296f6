package com.example.credit.batch;

/** A transform job description breaks a rule: the message names the field, the value and the rule. */
public class InvalidJobSpecException extends BatchException {

    public InvalidJobSpecException(String field, Object value, String rule) {
        super(field + "=" + (value instanceof String text ? "'" + text + "'" : String.valueOf(value)) + " is invalid: "
                + rule);
    }
}
