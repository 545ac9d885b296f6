package com.example.credit.batch.runs;

import com.example.credit.batch.BatchException;

/** No applicant of the run has the row_id asked for. */
public class UnknownApplicantException extends BatchException {

    public UnknownApplicantException(String message) {
        super(message);
    }
}
