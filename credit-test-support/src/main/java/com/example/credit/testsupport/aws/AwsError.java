package com.example.credit.testsupport.aws;

import tools.jackson.databind.node.ObjectNode;

/**
 * An error answer of a service: the HTTP status, the error code the SDK maps to its exception types, the message,
 * and for the restJson1 services the whole body when the service sends more than a message (Lambda's
 * {@code Type}, SageMaker Runtime's {@code OriginalStatusCode}).
 */
final class AwsError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient ObjectNode body;

    AwsError(int status, String code, String message) {
        this(status, code, message, null);
    }

    AwsError(int status, String code, String message, ObjectNode body) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.body = body;
    }

    /** SageMaker's answer to a name it does not know or a request it refuses: 400 {@code ValidationException}. */
    static AwsError validation(String message) {
        return new AwsError(400, "ValidationException", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** The restJson1 body to send, or null to send {@code {"message": ...}}. */
    ObjectNode body() {
        return body;
    }
}
