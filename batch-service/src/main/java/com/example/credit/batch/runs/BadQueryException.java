package com.example.credit.batch.runs;

import com.example.credit.batch.BatchException;

/** A query on a run names something the run does not have or breaks a rule (a bad filter, an unknown feature). */
public class BadQueryException extends BatchException {

    public BadQueryException(String message) {
        super(message);
    }
}
