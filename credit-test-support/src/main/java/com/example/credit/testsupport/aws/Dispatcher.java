package com.example.credit.testsupport.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.MissingNode;

/**
 * The one HTTP handler of the stand-in: finds the service a request is for, the way each protocol names it
 * ({@code X-Amz-Target: AWSGlue.<Op>} or {@code SageMaker.<Op>} for awsJson1_1, the path for restJson1, the form's
 * {@code Action} for awsQuery), records the request, answers an injected fault if one is pending for the operation,
 * and otherwise lets the service answer, rendering its errors in the service's own protocol.
 */
final class Dispatcher implements HttpHandler {

    private final Map<String, Service> byTarget;
    private final Service lambda;
    private final Service runtime;
    private final Service cloudFormation;
    private final List<Recorded> recorded = new ArrayList<>();
    private final Map<String, Deque<Fault>> faults = new HashMap<>();
    private final AtomicLong requests = new AtomicLong();

    Dispatcher(Service glue, Service sageMaker, Service ecr, Service lambda, Service runtime, Service cloudFormation) {
        this.byTarget = Map.of("AWSGlue", glue, "SageMaker", sageMaker, EcrService.TARGET, ecr);
        this.lambda = lambda;
        this.runtime = runtime;
        this.cloudFormation = cloudFormation;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            String path = exchange.getRequestURI().getPath();
            Map<String, String> form = form(headers.get("content-type"), body);
            String method = exchange.getRequestMethod();
            Service service = route(headers.get("x-amz-target"), path, form);
            String serviceName = service == null ? "Unknown" : service.name();
            String operation = service == null ? "Unknown" : service.operation(method, path, headers, form);
            // Recorded before any answer, faults included: a test counts the SDK's retries in the recording.
            Recorded request = new Recorded(
                    serviceName,
                    serviceName + "." + operation,
                    method,
                    path,
                    exchange.getRequestURI().getRawQuery(),
                    headers,
                    new String(body, StandardCharsets.UTF_8),
                    form.isEmpty() ? Json.parse(body) : MissingNode.getInstance(),
                    form);
            synchronized (recorded) {
                recorded.add(request);
            }
            // Deterministic request ids: the n-th request of a run always has the same one.
            String requestId = UUID.nameUUIDFromBytes(
                            ("aws-stand-in-" + requests.incrementAndGet()).getBytes(StandardCharsets.UTF_8))
                    .toString();
            write(exchange, answer(service, operation, new Call(requestId, request, body)), requestId);
        }
    }

    private Reply answer(Service service, String operation, Call call) {
        if (service == null) {
            return Protocol.REST_JSON_1.render(
                    new AwsError(
                            404,
                            "UnknownOperationException",
                            "no service of the AWS stand-in answers "
                                    + call.recorded().method() + " " + call.path()),
                    call.requestId());
        }
        Fault fault = nextFault(call.recorded().operation());
        if (fault != null) {
            return service.protocol()
                    .render(service.fault(fault.status(), fault.code(), fault.message()), call.requestId());
        }
        try {
            return service.handle(operation, call);
        } catch (AwsError error) {
            return service.protocol().render(error, call.requestId());
        } catch (RuntimeException bug) {
            // A stand-in bug answers as a service failure would, with the cause in the message for the test log.
            return service.protocol()
                    .render(new AwsError(500, "InternalFailure", "AWS stand-in failed: " + bug), call.requestId());
        }
    }

    /** The service of a request, or null; the services' paths and target prefixes do not overlap. */
    private Service route(String target, String path, Map<String, String> form) {
        if (target != null && target.indexOf('.') > 0) {
            return byTarget.get(target.substring(0, target.indexOf('.')));
        }
        if (path.startsWith(LambdaService.FUNCTIONS)) {
            return lambda;
        }
        if (path.startsWith(SageMakerRuntimeService.ENDPOINTS)) {
            return runtime;
        }
        // CloudFormation is the only awsQuery service the stand-in speaks.
        if (form.containsKey("Action")) {
            return cloudFormation;
        }
        return null;
    }

    private static Map<String, String> form(String contentType, byte[] body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
            return form;
        }
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            form.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return form;
    }

    /** Writes the answer; every protocol carries the request id in {@code x-amzn-RequestId} as well. */
    private static void write(HttpExchange exchange, Reply reply, String requestId) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        // -1: no body at all, as a 202 of an asynchronous invocation or a 204 of a dry run has none.
        boolean noBody = reply.body().length == 0;
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    void fault(String operation, int times, Fault fault) {
        synchronized (faults) {
            Deque<Fault> pending = faults.computeIfAbsent(operation, any -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                pending.add(fault);
            }
        }
    }

    private Fault nextFault(String operation) {
        synchronized (faults) {
            Deque<Fault> pending = faults.get(operation);
            return pending == null ? null : pending.poll();
        }
    }

    List<Recorded> recorded() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    /** An error injected with {@link AwsStandIn#fault}, rendered by the service it is for. */
    record Fault(int status, String code, String message) {}
}
