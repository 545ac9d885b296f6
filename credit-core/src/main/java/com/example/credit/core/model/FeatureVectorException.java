package com.example.credit.core.model;

import com.example.credit.core.CreditCoreException;

/** A feature vector (or an output buffer) whose length does not fit the model it is used with. */
public class FeatureVectorException extends CreditCoreException {

    public FeatureVectorException(String message) {
        super(message);
    }

    /**
     * Checks the length of a vector.
     *
     * @param what names the vector in the message, for example {@code row}
     * @throws FeatureVectorException if {@code actual != expected}
     */
    public static void requireLength(String what, int actual, int expected) {
        if (actual != expected) {
            throw new FeatureVectorException(what + " has " + actual + " values, the model needs exactly " + expected);
        }
    }
}
