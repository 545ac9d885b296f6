package com.example.credit.bench;

/** A benchmark run that cannot go on: bad options, a failed child process, or results that disagree. */
public class BenchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with a message naming the value and the rule it broke. */
    public BenchException(String message) {
        super(message);
    }

    /** An error caused by another one. */
    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
