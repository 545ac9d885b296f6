package com.example.credit.core.format;

import com.example.credit.core.CreditCoreException;

/** A CSV row that breaks RFC 4180 quoting; names the column (1-based) where it went wrong, when there is one. */
public class CsvFormatException extends CreditCoreException {

    private final int column;

    public CsvFormatException(int column, String problem) {
        super(problem);
        this.column = column;
    }

    /** The 1-based character position of the problem, or 0 when it concerns the whole row. */
    public int column() {
        return column;
    }
}
