package com.example.credit.pipeline;

/** A stage of the main job failed; the message names the stage and the cause. */
public class PipelineException extends RuntimeException {

    public PipelineException(String message) {
        super(message);
    }

    public PipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
