package com.example.credit.etl;

/** More raw records were rejected (malformed lines, credits of unknown people) than the job allows. */
public class RejectionLimitExceededException extends EtlException {

    private static final long serialVersionUID = 1L;

    public RejectionLimitExceededException(String message) {
        super(message);
    }
}
