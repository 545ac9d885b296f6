package com.example.credit.datagen;

/**
 * Root of every failure this module reports. Messages name the offending value and the rule it broke, so that
 * the CLI and the Lambda can hand them to the caller unchanged.
 */
public class DatagenException extends RuntimeException {

    public DatagenException(String message) {
        super(message);
    }

    public DatagenException(String message, Throwable cause) {
        super(message, cause);
    }
}
