package com.example.credit.explainer.invocation;

/** A request option (a Content-Type parameter or custom attribute) with a value the service does not know. */
public class InvalidOptionException extends InvocationException {

    public InvalidOptionException(String message) {
        super(message);
    }
}
