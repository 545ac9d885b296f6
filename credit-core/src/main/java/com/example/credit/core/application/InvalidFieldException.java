package com.example.credit.core.application;

import com.example.credit.core.CreditCoreException;

/** A field of an application record that breaks a rule; the message names the field, the value and the rule. */
public class InvalidFieldException extends CreditCoreException {

    private final String field;
    private final String rule;

    public InvalidFieldException(String field, String rule, String problem) {
        super(field + ": " + problem + " (rule: " + rule + ")");
        this.field = field;
        this.rule = rule;
    }

    /** The offending field's wire name. */
    public String field() {
        return field;
    }

    /** The rule that failed, named like the JSON Schema keyword. */
    public String rule() {
        return rule;
    }

    static int requireRange(String field, int value, int minimum, int maximum) {
        if (value < minimum || value > maximum) {
            throw new InvalidFieldException(
                    field,
                    value < minimum ? "minimum" : "maximum",
                    "value " + value + " is outside " + minimum + ".." + maximum);
        }
        return value;
    }
}
