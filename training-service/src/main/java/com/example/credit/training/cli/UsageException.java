package com.example.credit.training.cli;

import com.example.credit.training.TrainingException;

/**
 * The command line cannot be understood: an unknown flag, a flag without its value, a missing companion flag. A
 * class of its own because {@link TrainCommand} answers it apart: the usage and exit code 2, no failure file.
 */
public class UsageException extends TrainingException {

    public UsageException(String message) {
        super(Reason.USAGE, message);
    }
}
