package com.example.credit.batch.cli;

import com.example.credit.batch.BatchException;

/** The command line is wrong: an unknown flag, a missing value or a missing required flag. */
public class UsageException extends BatchException {

    public UsageException(String message) {
        super(message);
    }
}
