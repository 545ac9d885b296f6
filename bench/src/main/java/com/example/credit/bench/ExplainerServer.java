package com.example.credit.bench;

import com.example.credit.batch.BatchException;
import com.example.credit.batch.local.LocalExplainer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The explainer jar serving a model, started by batch-service's {@link LocalExplainer} (a child process on a free
 * loopback port under the hosting contract, ready once {@code /ping} answers 200), with its peak resident memory.
 * Closing it stops the process.
 */
final class ExplainerServer implements AutoCloseable {

    private final LocalExplainer explainer;
    private long peakKiloBytes;

    private ExplainerServer(LocalExplainer explainer) {
        this.explainer = explainer;
    }

    /**
     * Starts the jar with {@code -Xmx1g} and its temporary files under {@code work}, and waits for {@code /ping}.
     * {@code BENCH_SERVER_JVM_FLAGS} adds JVM flags (e.g. a flight recording while profiling the request path; give
     * it an absolute file name).
     */
    static ExplainerServer start(Path work, Path jar, Path modelDir) {
        List<String> options = new ArrayList<>(List.of("-Xmx1g", "-Djava.io.tmpdir=" + work));
        String extra =
                System.getenv().getOrDefault("BENCH_SERVER_JVM_FLAGS", "").strip();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        LocalExplainer.Launch launch = LocalExplainer.Launch.of(jar, modelDir, work.resolve("explainer.log"))
                .withJvmOptions(options);
        try {
            return new ExplainerServer(LocalExplainer.start(launch));
        } catch (BatchException e) {
            throw new BenchException(e.getMessage(), e);
        }
    }

    /** The base URL, {@code http://127.0.0.1:PORT}. */
    URI base() {
        return explainer.baseUrl();
    }

    /**
     * The server's peak resident set so far, in MiB: the kernel's high-water mark ({@code VmHWM} in
     * {@code /proc/<pid>/status}), the last reading once the process has ended.
     */
    double peakMebiBytes() {
        Path status = Path.of("/proc", Long.toString(explainer.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    peakKiloBytes = Math.max(peakKiloBytes, Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException ended) {
            // The process has ended: the last reading stands.
        }
        return peakKiloBytes / 1024.0;
    }

    /**
     * The CPU time the server process has used so far, all its threads together (the kernel's utime + stime, as
     * {@link ProcessHandle.Info#totalCpuDuration()} reads them).
     *
     * @throws BenchException if the platform does not report it or the process has ended
     */
    Duration cpuTime() {
        return ProcessHandle.of(explainer.pid())
                .flatMap(handle -> handle.info().totalCpuDuration())
                .orElseThrow(() -> new BenchException("the CPU time of the explainer process " + explainer.pid()
                        + " is not available: the process must be running on a platform that reports it"));
    }

    @Override
    public void close() {
        explainer.close();
    }
}
