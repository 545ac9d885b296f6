package com.example.credit.pipeline.container;

import com.example.credit.pipeline.PipelineException;

/** A command of the container engine exited non-zero; the message names the command, the code and its error. */
public class ContainerCommandException extends PipelineException {

    private final int exitCode;

    public ContainerCommandException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The command's exit code: 125 for an error of the engine, 126 and 127 when the entry point did not start. */
    public int exitCode() {
        return exitCode;
    }
}
