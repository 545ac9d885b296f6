package com.example.credit.training;

/** A hyperparameter is unknown, has the wrong type or lies outside its allowed values. */
public class InvalidHyperparameterException extends TrainingException {

    public InvalidHyperparameterException(String message) {
        super(message);
    }
}
