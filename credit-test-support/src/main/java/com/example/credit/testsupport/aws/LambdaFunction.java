package com.example.credit.testsupport.aws;

/**
 * The code behind a Lambda function of the stand-in ({@link AwsStandIn#function}). An exception is a function error:
 * a synchronous caller gets status 200 with {@code X-Amz-Function-Error: Unhandled}, as from Lambda's Java runtime.
 */
@FunctionalInterface
public interface LambdaFunction {

    /** Runs one invocation with the payload the caller sent and returns the response payload (JSON). */
    String invoke(String payloadJson) throws Exception;
}
