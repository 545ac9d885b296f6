package com.example.credit.batch;

/** A transform run cannot go on: unreadable input, an unreachable explainer, an unusable output folder. */
public class TransformException extends BatchException {

    public TransformException(String message) {
        super(message);
    }

    public TransformException(String message, Throwable cause) {
        super(message, cause);
    }
}
