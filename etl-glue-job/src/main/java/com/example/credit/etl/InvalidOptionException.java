package com.example.credit.etl;

/** A command-line option or Glue job argument is unknown, missing or out of its range. */
public class InvalidOptionException extends EtlException {

    private static final long serialVersionUID = 1L;

    public InvalidOptionException(String message) {
        super(message);
    }
}
