package com.example.credit.training;

/** A channel holds data that cannot be trained on: malformed JSON, a schema violation, a duplicate row id. */
public class ChannelDataException extends TrainingException {

    public ChannelDataException(String message) {
        super(message);
    }

    public ChannelDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
