package com.example.credit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointBenchmarkTests {

    private static LoadGenerator.Outcome rate(long requests) {
        return new LoadGenerator.Outcome(requests, 1.0, Percentiles.of(new long[] {1_000_000}, 1));
    }

    private static LoadGenerator.Outcome[] pair(long ping, long invocations) {
        return new LoadGenerator.Outcome[] {rate(ping), rate(invocations)};
    }

    @Test
    void reportsThePairWithTheMedianShareSoThatOneStalledPhaseCannotDecideIt() {
        LoadGenerator.Outcome[] steady = pair(1000, 500);
        // /ping stalled in one pair: the share looks five times too high there.
        LoadGenerator.Outcome[][] pairs = {pair(1000, 450), pair(120, 600), steady};

        assertThat(EndpointBenchmark.medianPair(pairs)).isSameAs(steady);
        assertThat(EndpointBenchmark.share(steady)).isEqualTo(0.5);
    }

    @Test
    void takesTheLowerMiddleOfAnEvenCount() {
        LoadGenerator.Outcome[] lower = pair(1000, 400);

        assertThat(EndpointBenchmark.medianPair(new LoadGenerator.Outcome[][] {pair(1000, 900), lower}))
                .isSameAs(lower);
    }

    @Test
    void splitsAJsonLinesAnswerIntoOneLinePerRecord() {
        byte[] body = "{\"p\":0.1}\n{\"p\":0.2,\"r\":\"é\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(EndpointBenchmark.answerLines(body)).containsExactly("{\"p\":0.1}", "{\"p\":0.2,\"r\":\"é\"}");
    }

    /** Warm-up rounds that give these rates in turn, and the rates reported as each round ends. */
    private static List<double[]> warmUp(List<double[]> reported, double[]... rounds) {
        Iterator<double[]> next = List.of(rounds).iterator();
        return EndpointBenchmark.warmUp(next::next, reported::add);
    }

    @Test
    void warmsUpUntilNeitherRateRisesByMoreThanFivePercent() {
        List<double[]> reported = new ArrayList<>();
        // A quick run's first rounds on a loaded machine: /invocations and /ping compile for tens of seconds.
        List<double[]> rounds = warmUp(
                reported,
                new double[] {3138, 3120},
                new double[] {4714, 4653},
                new double[] {8630, 8464},
                new double[] {9346, 11216},
                new double[] {11075, 12920},
                new double[] {11000, 13100},
                new double[] {11100, 13200});

        assertThat(rounds).hasSize(6);
        assertThat(reported).containsExactlyElementsOf(rounds);
        assertThat(EndpointBenchmark.rising(rounds)).isFalse();
    }

    @Test
    void runsTwoRoundsEvenWhenTheFirstIsAlreadyWarm() {
        List<double[]> rounds = warmUp(new ArrayList<>(), new double[] {10_000, 14_000}, new double[] {9_800, 13_900});

        assertThat(rounds).hasSize(2);
    }

    @Test
    void keepsWarmingWhileOnlyPingStillRises() {
        List<double[]> rounds =
                warmUp(new ArrayList<>(), new double[] {10_000, 10_000}, new double[] {10_000, 12_000}, new double[] {
                    10_200, 12_100
                });

        assertThat(rounds).hasSize(3);
    }

    @Test
    void stopsAfterTheMostRoundsAndSaysTheRatesStillRose() {
        double[][] growing = new double[EndpointBenchmark.MAX_WARM_UP_ROUNDS + 2][];
        for (int i = 0; i < growing.length; i++) {
            growing[i] = new double[] {1000 * Math.pow(1.1, i), 2000 * Math.pow(1.1, i)};
        }

        List<double[]> rounds = warmUp(new ArrayList<>(), growing);

        assertThat(rounds).hasSize(EndpointBenchmark.MAX_WARM_UP_ROUNDS);
        assertThat(EndpointBenchmark.rising(rounds)).isTrue();
    }
}
