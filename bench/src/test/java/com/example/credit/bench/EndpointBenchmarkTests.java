package com.example.credit.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
}
