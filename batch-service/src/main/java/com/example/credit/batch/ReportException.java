package com.example.credit.batch;

/** The dataset report (a run's export) cannot be built from the given batch output and labels. */
public class ReportException extends BatchException {

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
