package com.example.credit.explainer.model;

import com.example.credit.explainer.ExplainerException;

/** The model directory is missing, incomplete, corrupt or inconsistent; the service cannot start. */
public class ModelLoadException extends ExplainerException {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
