package com.example.credit.core.model;

import com.example.credit.core.CreditCoreException;

/**
 * A model text that this build cannot read: malformed, truncated, or of a kind it does not support
 * (multiclass, linear trees, another objective). The message names the offending value and the rule.
 */
public class ModelFormatException extends CreditCoreException {

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
