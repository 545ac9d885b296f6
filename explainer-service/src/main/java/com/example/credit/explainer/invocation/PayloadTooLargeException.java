package com.example.credit.explainer.invocation;

/** A request body over the payload limit (HTTP 413); detected before any of it is parsed. */
public class PayloadTooLargeException extends InvocationException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
