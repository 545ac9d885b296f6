package com.example.credit.batch;

/** A call to a deployed or local explainer endpoint failed: the message names the endpoint and the cause. */
public class EndpointException extends BatchException {

    public EndpointException(String message) {
        super(message);
    }

    public EndpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
