package com.example.credit.testsupport.aws;

import tools.jackson.databind.JsonNode;

/**
 * One request as a service handles it: what was recorded, the raw body (SageMaker Runtime forwards it byte for
 * byte) and the request id that the answer carries.
 */
record Call(String requestId, Recorded recorded, byte[] body) {

    JsonNode json() {
        return recorded.json();
    }

    String header(String name) {
        return recorded.header(name);
    }

    String path() {
        return recorded.path();
    }
}
