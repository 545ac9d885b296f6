package com.example.credit.datagen;

/** A generation request (CLI flags or Lambda event) that breaks a rule; the message names field, value and rule. */
public class InvalidRequestException extends DatagenException {

    public InvalidRequestException(String field, Object value, String rule) {
        super(field + " " + describe(value) + " is invalid: " + rule);
    }

    private static String describe(Object value) {
        return value == null ? "(missing)" : "'" + value + "'";
    }
}
