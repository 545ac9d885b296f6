package com.example.credit.explainer.web;

import com.example.credit.explainer.invocation.PayloadTooLargeException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body under a size limit, before any parsing: a declared Content-Length over the limit is
 * refused without reading, a body of a declared length is read into an array of that size, and a chunked body is
 * cut off one byte past the limit.
 */
final class RequestBodies {

    private RequestBodies() {}

    static byte[] read(InputStream in, long declaredLength, long limit) throws IOException {
        if (declaredLength > limit) {
            throw tooLarge(declaredLength + " bytes", limit);
        }
        if (declaredLength >= 0) {
            // The server ends the stream at the declared length: one array of the body's size, read into once.
            return in.readNBytes(Math.toIntExact(declaredLength));
        }
        byte[] body = in.readNBytes(Math.toIntExact(limit + 1));
        if (body.length > limit) {
            throw tooLarge("more than " + limit + " bytes", limit);
        }
        return body;
    }

    private static PayloadTooLargeException tooLarge(String size, long limit) {
        return new PayloadTooLargeException("the request body has " + size + ", over the payload limit of "
                + limit / (1024 * 1024) + " MB (" + limit + " bytes); split it into smaller requests");
    }
}
