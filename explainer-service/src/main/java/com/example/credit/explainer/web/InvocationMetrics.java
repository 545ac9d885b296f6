package com.example.credit.explainer.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The invocation latency timer {@code explainer.invocations}, tagged by the entity set, the request format and
 * the outcome, so that dashboards can tell cheap prediction-only calls from interaction-heavy ones.
 */
final class InvocationMetrics {

    static final String TIMER = "explainer.invocations";

    private final MeterRegistry registry;

    InvocationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(long startNanos, String entities, String format, String outcome) {
        Timer.builder(TIMER)
                .description("Latency of POST /invocations, from reading the body to the response")
                .tag("entities", entities)
                .tag("format", format)
                .tag("outcome", outcome)
                .register(registry)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
