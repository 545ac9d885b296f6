package com.example.credit.infra;

/** A CDK context value the app reads is malformed or out of range. */
public class InvalidSettingException extends InfraException {

    public InvalidSettingException(String message) {
        super(message);
    }
}
