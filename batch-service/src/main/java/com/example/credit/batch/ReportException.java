package com.example.credit.batch;

/** The dataset report cannot be built from the given batch output and labels. */
public class ReportException extends BatchException {

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
