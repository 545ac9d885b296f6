package com.example.credit.pipeline;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/** Announces each step of the pipeline, times it and reports how it ended. */
final class StepLog {

    private final PrintStream out;
    private final int steps;
    private int current;

    StepLog(PrintStream out, int steps) {
        this.out = out;
        this.steps = steps;
    }

    /** Runs one step, printing its number and title before and its duration after. */
    <T> Timed<T> run(String title, Supplier<T> step) {
        current++;
        out.printf(Locale.ROOT, "[%d/%d] %s%n", current, steps, title);
        long start = System.nanoTime();
        try {
            T result = step.get();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            out.printf(Locale.ROOT, "[%d/%d] %s: done in %.1f s%n", current, steps, title, took.toMillis() / 1000.0);
            return new Timed<>(result, took);
        } catch (RuntimeException e) {
            throw new PipelineException(
                    "step " + current + "/" + steps + " (" + title + ") failed: " + e.getMessage(), e);
        }
    }

    /** The stream the steps print to, for progress reporters of the modules. */
    PrintStream stream() {
        return out;
    }

    /** A printable line for the step's own progress messages. */
    void detail(String message) {
        out.println("      " + message);
    }

    /**
     * A step's result and how long it took.
     *
     * @param value the result
     * @param duration the wall-clock time
     */
    record Timed<T>(T value, Duration duration) {}
}
