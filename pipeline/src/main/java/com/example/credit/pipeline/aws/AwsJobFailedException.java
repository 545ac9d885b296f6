package com.example.credit.pipeline.aws;

/** An AWS job ended Failed or Stopped: the message names the job, its status and the service's reason. */
public class AwsJobFailedException extends AwsStageException {

    public AwsJobFailedException(String message) {
        super(message);
    }
}
