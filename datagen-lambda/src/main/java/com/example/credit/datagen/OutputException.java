package com.example.credit.datagen;

/** Writing a dataset failed or was refused (existing target, I/O or S3 error); nothing was published. */
public class OutputException extends DatagenException {

    public OutputException(String message) {
        super(message);
    }

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
