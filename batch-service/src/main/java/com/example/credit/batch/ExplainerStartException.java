package com.example.credit.batch;

/** The explainer the batch transform was to call could not be started or did not become ready. */
public class ExplainerStartException extends BatchException {

    public ExplainerStartException(String message) {
        super(message);
    }

    public ExplainerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
