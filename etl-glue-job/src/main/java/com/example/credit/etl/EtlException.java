package com.example.credit.etl;

/** Base of every error the ETL raises on purpose; its message names the value and the rule. */
public class EtlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EtlException(String message) {
        super(message);
    }

    public EtlException(String message, Throwable cause) {
        super(message, cause);
    }
}
