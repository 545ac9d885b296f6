package com.example.credit.batch.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * How often DescribeTransformJob is asked: the first pause, growing by {@code multiplier} up to {@code maxDelay},
 * and how long to wait at most.
 *
 * @param initialDelay the first pause
 * @param maxDelay the longest pause
 * @param multiplier the growth of the pause after each poll (at least 1)
 * @param timeout the longest total wait
 */
public record PollingPolicy(Duration initialDelay, Duration maxDelay, double multiplier, Duration timeout) {

    /** 5 s growing to 60 s, for up to a day (SageMaker's own limit of a transform job is days). */
    public static final PollingPolicy DEFAULT =
            new PollingPolicy(Duration.ofSeconds(5), Duration.ofSeconds(60), 1.5, Duration.ofHours(24));

    public PollingPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(timeout, "timeout");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException(
                    "polling delays must satisfy 0 <= initial (" + initialDelay + ") <= max (" + maxDelay + ")");
        }
        if (!(multiplier >= 1)) {
            throw new IllegalArgumentException("polling multiplier " + multiplier + " must be at least 1");
        }
    }

    /** The pause after {@code current}. */
    public Duration next(Duration current) {
        Duration grown = Duration.ofMillis((long) Math.ceil(current.toMillis() * multiplier));
        return grown.compareTo(maxDelay) > 0 ? maxDelay : grown;
    }
}
