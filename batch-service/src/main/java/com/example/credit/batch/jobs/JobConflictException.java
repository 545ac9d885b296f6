package com.example.credit.batch.jobs;

import com.example.credit.batch.BatchException;

/** The request clashes with a job's state: a second job on an output in use, a stop of an ended job. */
public class JobConflictException extends BatchException {

    public JobConflictException(String message) {
        super(message);
    }
}
