package com.example.credit.batch;

/** A JSONPath filter cannot be parsed, or does not fit the record it is applied to. */
public class FilterException extends BatchException {

    public FilterException(String message) {
        super(message);
    }
}
