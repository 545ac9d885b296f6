package com.example.credit.pipeline;

/** A step of the local pipeline failed; the message names the step and the cause. */
public class PipelineException extends RuntimeException {

    public PipelineException(String message) {
        super(message);
    }

    public PipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
