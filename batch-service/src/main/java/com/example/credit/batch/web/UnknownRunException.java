package com.example.credit.batch.web;

import com.example.credit.batch.BatchException;

/** The dashboard has no run of that id. */
public class UnknownRunException extends BatchException {

    public UnknownRunException(String message) {
        super(message);
    }
}
