package com.example.credit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM run by a benchmark, its output in a log file, with its peak resident memory sampled from
 * {@code /proc/<pid>/status} ({@code VmHWM}, the high-water mark of the resident set) while it runs.
 */
public final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final Thread sampler;
    private volatile long peakKiloBytes;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.sampler = new Thread(this::sample, "vmhwm-" + process.pid());
        sampler.setDaemon(true);
        sampler.start();
        // A benchmark stopped with Ctrl-C must not leave an explainer or a Spark job running.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-" + process.pid()));
    }

    /** Starts {@code command} in {@code directory} with extra environment variables, output to {@code log}. */
    public static ChildProcess start(List<String> command, Path directory, Map<String, String> environment, Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new ChildProcess(builder.start(), log);
        } catch (IOException e) {
            throw new BenchException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    private void sample() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        while (process.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                        peakKiloBytes = Math.max(peakKiloBytes, kb);
                    }
                }
                Thread.sleep(100);
            } catch (IOException | RuntimeException e) {
                // The process ended between the liveness check and the read: the last sample stands.
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Waits for the process to end and requires exit code 0.
     *
     * @throws BenchException if it fails or does not end within {@code timeoutSeconds}
     */
    public void awaitSuccess(long timeoutSeconds) {
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new BenchException(
                        "child " + process.pid() + " did not end within " + timeoutSeconds + " s, see " + log);
            }
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while waiting for child " + process.pid(), e);
        }
        if (process.exitValue() != 0) {
            throw new BenchException("child " + process.pid() + " exited with " + process.exitValue() + ", see " + log);
        }
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The largest resident set seen so far, in MiB. */
    public double peakMebiBytes() {
        return peakKiloBytes / 1024.0;
    }

    /** The log file. */
    public Path log() {
        return log;
    }

    /** Stops the process (politely first) if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
