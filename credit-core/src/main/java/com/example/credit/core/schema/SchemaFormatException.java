package com.example.credit.core.schema;

import com.example.credit.core.CreditCoreException;

/** A schema document that this build cannot read: a programming or packaging error, not bad user input. */
public class SchemaFormatException extends CreditCoreException {

    public SchemaFormatException(String message) {
        super(message);
    }

    public SchemaFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
