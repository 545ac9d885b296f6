package com.example.credit.batch.jobs;

import com.example.credit.batch.BatchException;

/** No job has the id. */
public class UnknownJobException extends BatchException {

    public UnknownJobException(String message) {
        super(message);
    }
}
