package com.example.credit.testsupport.aws;

import java.util.Map;

/** One AWS service of the stand-in: how it names the operation of a request, and how it answers it. */
interface Service {

    /** The service name in {@link Recorded#service()} and in operation names ({@code Glue.StartJobRun}). */
    String name();

    Protocol protocol();

    /**
     * The operation a request asks for, without the service prefix ({@code StartJobRun}); {@code Unknown} for a
     * request the service has no operation for. Headers are keyed in lower case.
     */
    String operation(String method, String path, Map<String, String> headers, Map<String, String> form);

    /** Answers a request, or throws {@link AwsError} for an error answer. */
    Reply handle(String operation, Call call);

    /** The error an injected fault answers with; services whose errors carry more than a message override it. */
    default AwsError fault(int status, String code, String message) {
        return new AwsError(status, code, message);
    }
}
