package com.example.credit.batch.runs;

import com.example.credit.batch.BatchException;

/** A run cannot be indexed or its index cannot be read: the message names the file and the rule. */
public class RunIndexException extends BatchException {

    public RunIndexException(String message) {
        super(message);
    }

    public RunIndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
