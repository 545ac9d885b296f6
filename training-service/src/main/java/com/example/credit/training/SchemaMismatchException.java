package com.example.credit.training;

/** The schemas channel describes other features than the ones this build trains on. */
public class SchemaMismatchException extends TrainingException {

    public SchemaMismatchException(String message) {
        super(message);
    }

    public SchemaMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
