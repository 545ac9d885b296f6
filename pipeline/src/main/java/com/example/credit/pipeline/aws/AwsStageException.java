package com.example.credit.pipeline.aws;

import com.example.credit.pipeline.PipelineException;

/** An AWS call or job of the AWS target failed; the message says which, why, and what to do about it. */
public class AwsStageException extends PipelineException {

    public AwsStageException(String message) {
        super(message);
    }

    public AwsStageException(String message, Throwable cause) {
        super(message, cause);
    }
}
