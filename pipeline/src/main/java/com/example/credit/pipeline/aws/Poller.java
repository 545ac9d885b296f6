package com.example.credit.pipeline.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Waits for an AWS job or resource: polls with a pause growing from {@code initial} to {@code max}, and prints a
 * progress line on every change of status or status message, and at least every {@code heartbeat}: the stage, the
 * status, the elapsed time and the service's own message.
 */
final class Poller {

    /** Pauses between polls; tests pass one that does not sleep. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Where a job is. */
    enum Phase {
        RUNNING,
        DONE,
        FAILED
    }

    /**
     * One observation.
     *
     * @param phase running, done or failed
     * @param status the service's status, e.g. {@code InProgress / Training}
     * @param message its status message or failure reason, empty when it has none
     */
    record Poll(Phase phase, String status, String message) {
        Poll {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(status, "status");
            message = message == null ? "" : message;
        }
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration initial;
    private final Duration max;
    private final Duration heartbeat;
    private final Duration timeout;

    Poller(Clock clock, Sleeper sleeper, Duration initial, Duration max, Duration heartbeat, Duration timeout) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.initial = initial;
        this.max = max;
        this.heartbeat = heartbeat;
        this.timeout = timeout;
    }

    /** The pauses, for a back end that polls on its own (batch-service's transformer). */
    Sleeper sleeper() {
        return sleeper;
    }

    Clock clock() {
        return clock;
    }

    /** 5 s growing to 30 s, a line at least every minute, at most 12 hours. */
    static Poller standard() {
        return new Poller(
                Clock.systemUTC(),
                duration -> Thread.sleep(duration.toMillis()),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofMinutes(1),
                Duration.ofHours(12));
    }

    /**
     * Polls until the job is done or failed.
     *
     * @param label the stage and job, e.g. {@code training job credit-train-20261203-101500}
     * @return the last observation (done or failed)
     * @throws StillRunningException on timeout or interruption, saying that the job keeps running
     */
    Poll await(String label, Supplier<Poll> poll, Consumer<String> progress) {
        Instant start = clock.instant();
        Duration pause = initial;
        String last = null;
        Instant lastPrinted = start;
        while (true) {
            Poll now = poll.get();
            Instant time = clock.instant();
            String line = now.status() + (now.message().isEmpty() ? "" : ": " + now.message());
            if (!line.equals(last) || Duration.between(lastPrinted, time).compareTo(heartbeat) >= 0) {
                progress.accept(
                        String.format(Locale.ROOT, "%s: %s (%s)", label, line, elapsed(Duration.between(start, time))));
                last = line;
                lastPrinted = time;
            }
            if (now.phase() != Phase.RUNNING) {
                return now;
            }
            if (Duration.between(start, time).compareTo(timeout) > 0) {
                throw new StillRunningException(
                        label + " is still " + now.status() + " after " + elapsed(timeout)
                                + "; it keeps running on AWS",
                        null);
            }
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StillRunningException(
                        "interrupted while waiting for " + label + "; it keeps running on AWS", e);
            }
            pause = pause.multipliedBy(3).dividedBy(2);
            if (pause.compareTo(max) > 0) {
                pause = max;
            }
        }
    }

    /** {@code 1h02m05s}, {@code 2m05s}, {@code 7s}. */
    static String elapsed(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return seconds + "s";
    }
}
