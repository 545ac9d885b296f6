package com.example.credit.explainer.invocation;

import com.example.credit.explainer.ExplainerException;

/**
 * A request to {@code /invocations} that the service cannot serve because of the request itself: the caller's
 * fault, never a server error. Each subclass maps onto one HTTP status in the web layer.
 */
public abstract class InvocationException extends ExplainerException {

    protected InvocationException(String message) {
        super(message);
    }

    protected InvocationException(String message, Throwable cause) {
        super(message, cause);
    }
}
