package com.example.credit.explainer.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The invocation latency timer {@code explainer.invocations}, tagged by the entity set, the request format, the
 * explanation method and the outcome, so that dashboards can tell cheap prediction-only calls from interaction-heavy
 * or interventional ones. Each tag combination's timer is registered once and kept, so a request only records.
 */
final class InvocationMetrics {

    static final String TIMER = "explainer.invocations";

    /** The tag value of an option not yet read when the request failed. */
    static final String UNRESOLVED = "unresolved";

    private record Tags(String entities, String format, String method, String outcome) {}

    private final MeterRegistry registry;
    private final Map<Tags, Timer> timers = new ConcurrentHashMap<>();

    InvocationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(long startNanos, String entities, String format, String method, String outcome) {
        timers.computeIfAbsent(new Tags(entities, format, method, outcome), this::register)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private Timer register(Tags tags) {
        return Timer.builder(TIMER)
                .description("Latency of POST /invocations, from reading the body to the response")
                .tag("entities", tags.entities())
                .tag("format", tags.format())
                .tag("method", tags.method())
                .tag("outcome", tags.outcome())
                .register(registry);
    }
}
