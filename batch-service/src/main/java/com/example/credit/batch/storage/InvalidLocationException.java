package com.example.credit.batch.storage;

/** A location is neither a path nor a well-formed {@code s3://bucket/prefix}: the message names it and the rule. */
public class InvalidLocationException extends StorageException {

    public InvalidLocationException(String location, String rule) {
        super("location '" + location + "' is invalid: " + rule);
    }
}
