package com.example.credit.batch;

/**
 * Root of every failure the batch service reports. Messages name the value and the rule it broke, so the
 * command line prints them unchanged.
 */
public class BatchException extends RuntimeException {

    public BatchException(String message) {
        super(message);
    }

    public BatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
