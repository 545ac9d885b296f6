package com.example.credit.datagen.lambda;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * An SDK interceptor that records every S3 call as "Operation key" in order, and can fail the n-th call of one
 * operation on one key the way a dropped connection would, before the request leaves the client.
 */
final class S3CallRecorder implements ExecutionInterceptor {

    final List<String> calls = new CopyOnWriteArrayList<>();

    private final String failingCall;
    private final int failOnOccurrence;
    private final AtomicInteger occurrences = new AtomicInteger();

    private S3CallRecorder(String failingCall, int failOnOccurrence) {
        this.failingCall = failingCall;
        this.failOnOccurrence = failOnOccurrence;
    }

    static S3CallRecorder recording() {
        return new S3CallRecorder(null, 0);
    }

    /** Fails the n-th (1-based) call such as {@code "UploadPartRequest raw/people/people.jsonl"}. */
    static S3CallRecorder failing(String call, int occurrence) {
        return new S3CallRecorder(call, occurrence);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        String call = request.getClass().getSimpleName().replace("Request", "") + " "
                + request.getValueForField("Key", String.class).orElse("");
        calls.add(call);
        if (call.equals(failingCall) && occurrences.incrementAndGet() == failOnOccurrence) {
            throw SdkClientException.create("injected failure of " + call);
        }
    }

    /** The recorded calls of one operation, in order. */
    List<String> of(String operation) {
        return calls.stream().filter(call -> call.startsWith(operation + " ")).toList();
    }
}
