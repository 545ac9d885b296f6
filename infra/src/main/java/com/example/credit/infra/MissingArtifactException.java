package com.example.credit.infra;

/** A deployable file (Lambda jar, Glue jar or script) is not where the app expects it. */
public class MissingArtifactException extends InfraException {

    public MissingArtifactException(String message) {
        super(message);
    }
}
