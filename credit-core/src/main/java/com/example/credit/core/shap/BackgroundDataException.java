package com.example.credit.core.shap;

import com.example.credit.core.CreditCoreException;

/** Background data that interventional TreeSHAP cannot explain against, for example an empty set of rows. */
public class BackgroundDataException extends CreditCoreException {

    public BackgroundDataException(String message) {
        super(message);
    }
}
