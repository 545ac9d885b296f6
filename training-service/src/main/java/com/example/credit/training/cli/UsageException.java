package com.example.credit.training.cli;

import com.example.credit.training.TrainingException;

/** The command line cannot be understood: an unknown flag, a flag without its value, a missing companion flag. */
public class UsageException extends TrainingException {

    public UsageException(String message) {
        super(message);
    }
}
