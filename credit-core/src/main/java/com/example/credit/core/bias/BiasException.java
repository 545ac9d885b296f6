package com.example.credit.core.bias;

import com.example.credit.core.CreditCoreException;

/**
 * Input that a bias analysis cannot use: a row without a facet's attribute, a probability outside [0, 1], an age
 * that is not a number, a threshold outside (0, 1). Never thrown for data that merely makes a metric undefined (an
 * empty facet, no favourable outcomes): those give a result with a note.
 */
public class BiasException extends CreditCoreException {

    public BiasException(String message) {
        super(message);
    }

    public BiasException(String message, Throwable cause) {
        super(message, cause);
    }
}
