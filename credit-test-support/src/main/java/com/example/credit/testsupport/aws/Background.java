package com.example.credit.testsupport.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The background threads that run the executors (jobs, hosting starts and stops, asynchronous Lambda invocations):
 * daemon threads named {@code aws-stand-in-job-N}, so that a test that forgets {@code close()} does not keep the JVM
 * alive, and {@link #awaitIdle} for tests that wait for fire-and-forget work.
 */
final class Background implements AutoCloseable {

    private final ExecutorService pool = Executors.newCachedThreadPool(threads("aws-stand-in-job-"));
    private final List<Run<?>> runs = new ArrayList<>();

    /** Daemon threads named {@code prefix + n}. */
    static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    <T> Run<T> start(Callable<T> work) {
        Run<T> run = new Run<>(work);
        synchronized (runs) {
            runs.add(run);
        }
        pool.execute(run::execute);
        return run;
    }

    /** Waits until every run started so far has finished. */
    void awaitIdle(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Run<?>> pending;
        synchronized (runs) {
            pending = new ArrayList<>(runs);
        }
        for (Run<?> run : pending) {
            long left = deadline - System.nanoTime();
            if (!run.await(Math.max(0, left))) {
                throw new TimeoutException("background work of the AWS stand-in still runs after " + timeout);
            }
        }
    }

    /** Interrupts every run and waits a little for the threads to end. */
    @Override
    public void close() {
        synchronized (runs) {
            runs.forEach(Run::stop);
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
