package com.example.credit.training;

/** A SageMaker configuration file ({@code input/config/*.json}) is malformed or asks for something unsupported. */
public class InvalidConfigurationException extends TrainingException {

    public InvalidConfigurationException(String message) {
        super(message);
    }

    public InvalidConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
