package com.example.credit.explainer.invocation;

/** An Accept header that allows none of the response types the service can produce (HTTP 406). */
public class NotAcceptableException extends InvocationException {

    public NotAcceptableException(String message) {
        super(message);
    }
}
