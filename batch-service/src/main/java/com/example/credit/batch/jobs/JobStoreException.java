package com.example.credit.batch.jobs;

import com.example.credit.batch.BatchException;

/** A job record cannot be saved or the records cannot be listed. */
public class JobStoreException extends BatchException {

    public JobStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
