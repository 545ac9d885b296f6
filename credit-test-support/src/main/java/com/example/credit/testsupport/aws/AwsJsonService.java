package com.example.credit.testsupport.aws;

import java.util.Map;

/**
 * A service of the awsJson1_1 protocol: {@code POST /} with the operation in {@code X-Amz-Target: <prefix>.<Op>}
 * (the Dispatcher routes on the prefix) and JSON bodies both ways.
 */
interface AwsJsonService extends Service {

    @Override
    default Protocol protocol() {
        return Protocol.AWS_JSON_1_1;
    }

    /** The operation is what follows the dot of {@code X-Amz-Target}. */
    @Override
    default String operation(String method, String path, Map<String, String> headers, Map<String, String> form) {
        String target = headers.get("x-amz-target");
        return target.substring(target.indexOf('.') + 1);
    }
}
