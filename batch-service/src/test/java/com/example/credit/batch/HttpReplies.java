package com.example.credit.batch;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Replies of the tests' loopback HTTP stand-ins (explainers, the SageMaker protocol server). */
public final class HttpReplies {

    private HttpReplies() {}

    /** Sends {@code body} as UTF-8 with this status and Content-Type, and closes the exchange's response. */
    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
