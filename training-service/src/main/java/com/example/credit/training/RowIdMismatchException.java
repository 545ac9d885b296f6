package com.example.credit.training;

/** Data rows and label rows of one split do not carry the same row ids. */
public class RowIdMismatchException extends ChannelDataException {

    public RowIdMismatchException(String message) {
        super(message);
    }
}
