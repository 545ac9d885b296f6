package com.example.credit.bench;

import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.layout.PreparedLayout.Channel;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Throughput and latency of the explainer's {@code POST /invocations} (one application, prediction and SHAP
 * values) next to {@code GET /ping} of the same server in the same run, over loopback.
 *
 * <p>First each endpoint's saturation throughput is found with a closed loop of {@value #SATURATION_WORKERS}
 * workers; then each is loaded open loop at {@value #LOAD_SHARE} of its saturation, where p50 and p99 are taken.
 * The load generator shares the machine with the server, as any loopback measurement does.
 */
public final class EndpointBenchmark {

    static final int SATURATION_WORKERS = 8;
    static final double LOAD_SHARE = 0.8;
    static final String CONTENT_TYPE = "application/json; entities=prediction,explanation_shap_values";

    /** The explainer's throughput must be at least this share of /ping's. */
    public static final double THROUGHPUT_TARGET = 0.6;

    /** At 80% of saturation, p99 may be at most this multiple of p50. */
    public static final double TAIL_TARGET = 2.0;

    private final PrintStream out;
    private final Duration phase;

    /** A benchmark printing to {@code out}; {@code quick} shortens every phase. */
    public EndpointBenchmark(PrintStream out, boolean quick) {
        this.out = out;
        this.phase = Duration.ofSeconds(quick ? 4 : 15);
    }

    /** Starts the explainer jar on the model, loads it, stops it and prints the report. */
    public void run(Path work, Path jar, Path modelDir, Path creditData) {
        String body = firstApplication(creditData);
        try (ExplainerServer server = ExplainerServer.start(work, jar, modelDir)) {
            URI base = server.base();
            HttpRequest ping = LoadGenerator.get(base.resolve("/ping"));
            HttpRequest invocation = LoadGenerator.post(base.resolve("/invocations"), CONTENT_TYPE, body);
            LoadGenerator saturation = new LoadGenerator(SATURATION_WORKERS);
            // Warm-up: the JIT compiles the explainer's request path before anything is measured.
            saturation.closedLoop(() -> invocation, phase);
            saturation.closedLoop(() -> ping, phase.dividedBy(3));

            LoadGenerator.Outcome pingMax = saturation.closedLoop(() -> ping, phase);
            LoadGenerator.Outcome invocationMax = saturation.closedLoop(() -> invocation, phase);
            // Enough workers that a due request never waits for a free worker at 80% of saturation.
            LoadGenerator open = new LoadGenerator(4 * SATURATION_WORKERS);
            LoadGenerator.Outcome pingAt80 = open.openLoop(() -> ping, LOAD_SHARE * pingMax.throughput(), phase);
            LoadGenerator.Outcome invocationAt80 =
                    open.openLoop(() -> invocation, LOAD_SHARE * invocationMax.throughput(), phase);
            report(pingMax, invocationMax, pingAt80, invocationAt80, server.peakMebiBytes());
        }
    }

    private void report(
            LoadGenerator.Outcome pingMax,
            LoadGenerator.Outcome invocationMax,
            LoadGenerator.Outcome pingAt80,
            LoadGenerator.Outcome invocationAt80,
            double serverPeakMiB) {
        out.println();
        out.println("== endpoint: explainer /invocations (prediction + SHAP, one application) vs /ping, loopback ==");
        out.printf(
                Locale.ROOT,
                "%-13s %-28s %10s %10s %10s %9s%n",
                "endpoint",
                "phase",
                "req/s",
                "p50 ms",
                "p99 ms",
                "p99/p50");
        line("/ping", "saturation, " + SATURATION_WORKERS + " workers closed", pingMax);
        line("/invocations", "saturation, " + SATURATION_WORKERS + " workers closed", invocationMax);
        line("/ping", "open loop at 80% of sat.", pingAt80);
        line("/invocations", "open loop at 80% of sat.", invocationAt80);
        double share = invocationMax.throughput() / pingMax.throughput();
        double tail = tail(invocationAt80);
        out.printf(Locale.ROOT, "server peak RSS (VmHWM): %.0f MiB%n", serverPeakMiB);
        out.printf(
                Locale.ROOT,
                "targets%n/invocations throughput >= %.0f%% of /ping: %.1f%% %s%n"
                        + "/invocations p99 <= %.0fx p50 at 80%% of saturation: %.2fx %s%n",
                100 * THROUGHPUT_TARGET,
                100 * share,
                EngineTable.verdict(share >= THROUGHPUT_TARGET),
                TAIL_TARGET,
                tail,
                EngineTable.verdict(tail <= TAIL_TARGET));
    }

    private void line(String endpoint, String phaseName, LoadGenerator.Outcome outcome) {
        out.printf(
                Locale.ROOT,
                "%-13s %-28s %10.0f %10.2f %10.2f %8.2fx%n",
                endpoint,
                phaseName,
                outcome.throughput(),
                outcome.latencies().percentile(50) / 1e6,
                outcome.latencies().percentile(99) / 1e6,
                tail(outcome));
    }

    private static double tail(LoadGenerator.Outcome outcome) {
        return outcome.latencies().percentile(99) / (double) outcome.latencies().percentile(50);
    }

    private static String firstApplication(Path creditData) {
        String line = BenchFiles.jsonLines(new PreparedLayout(creditData).folder(Channel.DATA_TEST))
                .get(0);
        ObjectNode application = (ObjectNode) JsonMapper.builder().build().readTree(line);
        application.remove("row_id");
        return application.toString();
    }
}
