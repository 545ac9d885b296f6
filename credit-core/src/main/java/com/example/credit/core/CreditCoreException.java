package com.example.credit.core;

/**
 * Root of every failure that credit-core reports. Subclasses name the offending value and the rule it
 * broke, so that a caller can show the message to a user unchanged.
 */
public class CreditCoreException extends RuntimeException {

    public CreditCoreException(String message) {
        super(message);
    }

    public CreditCoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
