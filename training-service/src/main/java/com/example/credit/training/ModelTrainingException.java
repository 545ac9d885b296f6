package com.example.credit.training;

/** LightGBM refused the data or the parameters, or failed while boosting. */
public class ModelTrainingException extends TrainingException {

    public ModelTrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
