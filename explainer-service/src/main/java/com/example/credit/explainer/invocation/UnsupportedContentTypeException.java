package com.example.credit.explainer.invocation;

/** A request body in a content type the service cannot read (HTTP 415). */
public class UnsupportedContentTypeException extends InvocationException {

    public UnsupportedContentTypeException(String message) {
        super(message);
    }
}
