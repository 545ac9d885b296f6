package com.example.credit.batch;

/** A local transform was stopped (its thread interrupted) before it finished; finished files are kept. */
public class TransformStoppedException extends TransformException {

    public TransformStoppedException(String message) {
        super(message);
    }
}
