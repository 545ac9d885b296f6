package com.example.credit.infra;

/** Root of the app's unchecked exceptions: every message names the offending value and the rule it breaks. */
public class InfraException extends RuntimeException {

    public InfraException(String message) {
        super(message);
    }
}
