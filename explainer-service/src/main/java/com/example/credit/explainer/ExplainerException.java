package com.example.credit.explainer;

/**
 * Root of every failure the explainer reports. Messages name the offending value and the rule it broke, so
 * that they can be shown to a caller unchanged.
 */
public class ExplainerException extends RuntimeException {

    public ExplainerException(String message) {
        super(message);
    }

    public ExplainerException(String message, Throwable cause) {
        super(message, cause);
    }
}
