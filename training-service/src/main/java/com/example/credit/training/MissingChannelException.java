package com.example.credit.training;

/** An input channel (or a file the channel must hold) is absent. */
public class MissingChannelException extends TrainingException {

    public MissingChannelException(String message) {
        super(message);
    }
}
