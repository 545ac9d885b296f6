package com.example.credit.testsupport.aws;

import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One piece of background work and its outcome. Unlike a {@code Future}, which is done as soon as it is cancelled,
 * a run is {@link #finished()} only once its code has returned or thrown: a job must not report a terminal status
 * while its executor still runs, stopped or not.
 */
final class Run<T> {

    private final Callable<T> work;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();
    private Thread thread;
    private boolean stopped;
    private volatile Instant finishedAt;

    Run(Callable<T> work) {
        this.work = work;
    }

    void execute() {
        synchronized (this) {
            if (stopped) {
                finishedAt = Instant.now();
                outcome.completeExceptionally(new CancellationException("stopped before it started"));
                return;
            }
            thread = Thread.currentThread();
        }
        T value = null;
        Throwable failure = null;
        try {
            value = work.call();
        } catch (Throwable thrown) {
            failure = thrown;
        } finally {
            synchronized (this) {
                thread = null;
            }
            // The pool clears the interrupt before its next task; this keeps a late stop from leaking into it.
            Thread.interrupted();
        }
        finishedAt = Instant.now();
        if (failure == null) {
            outcome.complete(value);
        } else {
            outcome.completeExceptionally(failure);
        }
    }

    /** Asks the work to stop: interrupts its thread, or keeps it from starting. */
    synchronized void stop() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    synchronized boolean stopRequested() {
        return stopped;
    }

    boolean finished() {
        return outcome.isDone();
    }

    /** When the work returned or threw; null while it runs. */
    Instant finishedAt() {
        return finishedAt;
    }

    /** The value once finished without failure. */
    T value() {
        return outcome.getNow(null);
    }

    /** The failure once finished, null on success. */
    Throwable failure() {
        if (!outcome.isCompletedExceptionally()) {
            return null;
        }
        try {
            outcome.join();
            return null;
        } catch (CancellationException e) {
            return e;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    boolean await(long nanos) throws InterruptedException {
        try {
            outcome.get(nanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | CancellationException failed) {
            // Finished all the same.
        } catch (TimeoutException e) {
            return false;
        }
        return true;
    }
}
