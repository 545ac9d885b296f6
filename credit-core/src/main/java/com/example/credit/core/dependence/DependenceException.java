package com.example.credit.core.dependence;

import com.example.credit.core.CreditCoreException;

/** A row, feature or model that global explanations cannot be computed from; the message names it and the rule. */
public class DependenceException extends CreditCoreException {

    public DependenceException(String message) {
        super(message);
    }
}
