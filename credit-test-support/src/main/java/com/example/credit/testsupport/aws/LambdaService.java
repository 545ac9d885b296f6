package com.example.credit.testsupport.aws;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lambda's {@code Invoke} over restJson1: {@code POST /2015-03-31/functions/{FunctionName}/invocations}, the
 * invocation type in {@code X-Amz-Invocation-Type}, the payload as the body both ways (the SDK's
 * {@code InvokeRequestMarshaller} and {@code InvokeResponse} fields). {@code RequestResponse} runs the function on the
 * request's thread; {@code Event} answers 202 at once and runs it in the background; {@code DryRun} answers 204.
 */
final class LambdaService implements Service {

    static final String FUNCTIONS = "/2015-03-31/functions/";

    private final Map<String, LambdaFunction> functions = new ConcurrentHashMap<>();
    private final Background background;

    LambdaService(Background background) {
        this.background = background;
    }

    void function(String name, LambdaFunction function) {
        functions.put(name, function);
    }

    @Override
    public String name() {
        return "Lambda";
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_JSON_1;
    }

    @Override
    public String operation(String method, String path, Map<String, String> headers, Map<String, String> form) {
        // Invoke is the only Lambda operation the pipeline calls; the rest of the API answers as unknown.
        return method.equals("POST") && path.endsWith("/invocations") ? "Invoke" : "Unknown";
    }

    /** Lambda's errors carry {@code Type} (User or Service) and {@code Message} in the body. */
    @Override
    public AwsError fault(int status, String code, String message) {
        ObjectNode body = Json.object();
        body.put("Type", status >= 500 ? "Service" : "User");
        body.put("Message", message);
        return new AwsError(status, code, message, body);
    }

    @Override
    public Reply handle(String operation, Call call) {
        if (!operation.equals("Invoke")) {
            throw fault(404, "UnknownOperationException", "the AWS stand-in's Lambda answers Invoke only");
        }
        String name = functionName(call.path());
        LambdaFunction function = functions.get(name);
        if (function == null) {
            throw fault(404, "ResourceNotFoundException", "Function not found: " + arn(name));
        }
        String payload = new String(call.body(), StandardCharsets.UTF_8);
        String type = call.header("x-amz-invocation-type");
        if ("Event".equals(type)) {
            // Lambda queues the event and answers before the function runs; a failure is the function's affair.
            background.start(() -> function.invoke(payload));
            return Reply.empty(202);
        }
        if ("DryRun".equals(type)) {
            return Reply.empty(204);
        }
        Reply reply;
        try {
            String result = function.invoke(payload);
            reply = Reply.of(200, "application/json", result == null ? "null" : result);
        } catch (Exception failure) {
            // A function error is still a successful call: status 200, X-Amz-Function-Error, the error as payload
            // in the Java runtime's shape (errorMessage, errorType, stackTrace).
            reply = Reply.of(200, "application/json", functionError(failure).toString())
                    .withHeader("X-Amz-Function-Error", "Unhandled");
        }
        reply = reply.withHeader("X-Amz-Executed-Version", "$LATEST");
        if ("Tail".equals(call.header("x-amz-log-type"))) {
            String log = "START RequestId: " + call.requestId() + " Version: $LATEST\nEND RequestId: "
                    + call.requestId() + "\n";
            reply = reply.withHeader(
                    "X-Amz-Log-Result", Base64.getEncoder().encodeToString(log.getBytes(StandardCharsets.UTF_8)));
        }
        return reply;
    }

    private static ObjectNode functionError(Exception failure) {
        ObjectNode error = Json.object();
        error.put("errorMessage", failure.getMessage());
        error.put("errorType", failure.getClass().getName());
        ArrayNode trace = error.putArray("stackTrace");
        for (StackTraceElement frame : failure.getStackTrace()) {
            trace.add(frame.toString());
        }
        return error;
    }

    /** The function name of the path; a caller may name the function by its ARN (with a version or alias). */
    private static String functionName(String path) {
        String name = path.substring(FUNCTIONS.length(), path.length() - "/invocations".length());
        int function = name.indexOf(":function:");
        if (function >= 0) {
            name = name.substring(function + ":function:".length());
            int qualifier = name.indexOf(':');
            name = qualifier < 0 ? name : name.substring(0, qualifier);
        }
        return name;
    }

    private static String arn(String name) {
        return "arn:aws:lambda:" + AwsStandIn.REGION + ":" + AwsStandIn.ACCOUNT + ":function:" + name;
    }
}
