package com.example.credit.core.manifest;

import com.example.credit.core.CreditCoreException;

/** A model manifest that cannot be read or does not fit the model or the schema it is used with. */
public class ManifestException extends CreditCoreException {

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
