package com.example.credit.etl;

/**
 * The raw dataset breaks its contract: it is incomplete, a file lacks a column, or a value is outside
 * what the data schema allows. The message names the file, the field, the value and the rule.
 */
public class ValidationException extends EtlException {

    private static final long serialVersionUID = 1L;

    public ValidationException(String message) {
        super(message);
    }

    public ValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
