package com.example.credit.batch;

/**
 * The bias analysis's settings break a rule (a facet that is not one of the protected attributes' groups or bands, an
 * approval threshold outside (0, 1)): the message names the setting, the value and the rule.
 */
public class InvalidBiasSettingsException extends BatchException {

    public InvalidBiasSettingsException(String message) {
        super(message);
    }

    public InvalidBiasSettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
