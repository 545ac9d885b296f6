package com.example.credit.batch.storage;

import com.example.credit.batch.BatchException;

/** A stored file cannot be listed, read or written: the message names the location and the cause. */
public class StorageException extends BatchException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
