package com.example.credit.pipeline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollerTests {

    /** A clock that the sleeper moves forward. */
    static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-12-03T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    private final SteppingClock clock = new SteppingClock();
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    private Poller poller(Duration timeout) {
        return new Poller(
                clock,
                pause -> {
                    sleeps.add(pause);
                    clock.advance(pause);
                },
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofMinutes(1),
                timeout);
    }

    private static Deque<Poller.Poll> polls(Poller.Poll... polls) {
        return new ArrayDeque<>(List.of(polls));
    }

    @Test
    void printsEachChangeWithTheElapsedTimeAndGrowsThePauseToItsMaximum() {
        Deque<Poller.Poll> answers = polls(
                new Poller.Poll(Poller.Phase.RUNNING, "InProgress / Starting", "Preparing the instances"),
                new Poller.Poll(Poller.Phase.RUNNING, "InProgress / Starting", "Preparing the instances"),
                new Poller.Poll(Poller.Phase.RUNNING, "InProgress / Training", "Training in progress."),
                new Poller.Poll(Poller.Phase.RUNNING, "InProgress / Training", "Training in progress."),
                new Poller.Poll(Poller.Phase.RUNNING, "InProgress / Training", "Training in progress."),
                new Poller.Poll(Poller.Phase.RUNNING, "InProgress / Training", "Training in progress."),
                new Poller.Poll(Poller.Phase.RUNNING, "InProgress / Training", "Training in progress."),
                new Poller.Poll(Poller.Phase.DONE, "Completed / Completed", ""));

        Poller.Poll last = poller(Duration.ofHours(1)).await("training job t", answers::poll, lines::add);

        assertThat(last.phase()).isEqualTo(Poller.Phase.DONE);
        assertThat(sleeps)
                .containsExactly(
                        Duration.ofSeconds(5),
                        Duration.ofMillis(7500),
                        Duration.ofMillis(11250),
                        Duration.ofMillis(16875),
                        Duration.ofMillis(25312).plusNanos(500_000),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30));
        // Polls at 0, 5, 12.5, 23.75, 40.6, 65.9, 95.9 and 125.9 s: the unchanged status is repeated once a
        // minute has passed since the last line (at 95.9 s).
        assertThat(lines)
                .containsExactly(
                        "training job t: InProgress / Starting: Preparing the instances (0s)",
                        "training job t: InProgress / Training: Training in progress. (12s)",
                        "training job t: InProgress / Training: Training in progress. (1m35s)",
                        "training job t: Completed / Completed (2m05s)");
    }

    @Test
    void returnsAFailureWithTheServicesReason() {
        Deque<Poller.Poll> answers = polls(new Poller.Poll(Poller.Phase.FAILED, "FAILED", "OutOfMemoryError"));

        assertThat(poller(Duration.ofHours(1)).await("Glue job j", answers::poll, lines::add))
                .isEqualTo(new Poller.Poll(Poller.Phase.FAILED, "FAILED", "OutOfMemoryError"));
        assertThat(lines).containsExactly("Glue job j: FAILED: OutOfMemoryError (0s)");
    }

    @Test
    void givesUpAfterTheTimeoutSayingTheJobKeepsRunning() {
        assertThatThrownBy(() -> poller(Duration.ofMinutes(2))
                        .await(
                                "transform job b",
                                () -> new Poller.Poll(Poller.Phase.RUNNING, "InProgress", ""),
                                lines::add))
                .isInstanceOf(AwsStageException.class)
                .isInstanceOf(StillRunningException.class)
                .hasMessage("transform job b is still InProgress after 2m00s; it keeps running on AWS");
    }

    @Test
    void formatsElapsedTimesForPeople() {
        assertThat(Poller.elapsed(Duration.ofSeconds(7))).isEqualTo("7s");
        assertThat(Poller.elapsed(Duration.ofSeconds(125))).isEqualTo("2m05s");
        assertThat(Poller.elapsed(Duration.ofSeconds(3725))).isEqualTo("1h02m05s");
    }
}
