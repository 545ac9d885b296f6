package com.example.credit.training;

/**
 * Why a training run failed. The root of the module's one exception hierarchy: every message names the value
 * and the rule it broke, so that the first line of {@code /opt/ml/output/failure} tells the operator what to fix.
 */
public class TrainingException extends RuntimeException {

    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
