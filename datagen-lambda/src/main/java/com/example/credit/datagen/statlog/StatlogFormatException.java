package com.example.credit.datagen.statlog;

import com.example.credit.datagen.DatagenException;

/** The Statlog data holds a code or value outside the documented attribute table. */
public class StatlogFormatException extends DatagenException {

    public StatlogFormatException(String message) {
        super(message);
    }
}
