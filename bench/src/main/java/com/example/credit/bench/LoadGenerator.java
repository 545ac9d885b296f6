package com.example.credit.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * An HTTP load generator on {@link HttpClient} with a fixed number of worker threads and a bounded duration.
 *
 * <p>Closed loop ({@link #closedLoop}): every worker sends its next request as soon as the previous one answers,
 * which finds the server's saturation throughput. Open loop ({@link #openLoop}): requests are due at a fixed rate
 * whatever the server does, and latency is measured from the moment a request was due, not from when a worker got
 * round to sending it, so a slow server cannot hide its queueing (no coordinated omission).
 *
 * <p>A request whose exchange fails with an I/O error is sent once more, and the phase counts it ({@link
 * Outcome#retried}): the server closes a kept-alive connection now and then (Tomcat after 100 requests on it), and
 * {@link HttpClient} may hand that connection to a request in the instant it closes, which then fails without an
 * answer ("header parser received no bytes"); the client retries only GET requests of its own accord. A request that
 * times out (30 s) is an I/O error too and is sent once more. A request that fails twice fails the run, as does any
 * answer other than 200.
 */
public final class LoadGenerator {

    private final HttpClient client;
    private final int workers;

    /** A generator with {@code workers} concurrent workers. */
    public LoadGenerator(int workers) {
        if (workers < 1) {
            throw new BenchException("workers " + workers + " must be at least 1");
        }
        this.workers = workers;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * The outcome of one load phase.
     *
     * @param requests the requests answered with 200
     * @param seconds the wall time from the first due request to the last answer
     * @param latencies the latency of every request in nanoseconds (a retried request's from its first attempt)
     * @param retried the requests sent a second time after an I/O error of the first attempt
     */
    public record Outcome(long requests, double seconds, Percentiles latencies, long retried) {

        /** An outcome without retries. */
        public Outcome(long requests, double seconds, Percentiles latencies) {
            this(requests, seconds, latencies, 0);
        }

        /** Requests per second. */
        public double throughput() {
            return requests / seconds;
        }
    }

    /** Sends requests back to back from every worker for {@code duration}. */
    public Outcome closedLoop(Supplier<HttpRequest> request, Duration duration) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        AtomicLong retried = new AtomicLong();
        List<LongBuffer> buffers = runWorkers(buffer -> {
            while (System.nanoTime() < end) {
                long sent = System.nanoTime();
                sendRetryingOnce(request.get(), retried);
                buffer.add(System.nanoTime() - sent);
            }
        });
        return outcome(buffers, start, retried.get());
    }

    /** Sends {@code rate} requests per second for {@code duration}, each due at its own instant. */
    public Outcome openLoop(Supplier<HttpRequest> request, double rate, Duration duration) {
        if (!(rate > 0)) {
            throw new BenchException("rate " + rate + " requests/s must be positive");
        }
        long total = Math.max(1, (long) (rate * duration.toNanos() / 1e9));
        double interval = 1e9 / rate;
        AtomicLong tickets = new AtomicLong();
        AtomicLong retried = new AtomicLong();
        long start = System.nanoTime();
        List<LongBuffer> buffers = runWorkers(buffer -> {
            for (long ticket = tickets.getAndIncrement(); ticket < total; ticket = tickets.getAndIncrement()) {
                long due = start + (long) (ticket * interval);
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                sendRetryingOnce(request.get(), retried);
                buffer.add(System.nanoTime() - due);
            }
        });
        return outcome(buffers, start, retried.get());
    }

    /**
     * Sends one request from the calling thread and waits for its answer.
     *
     * @return the latency in nanoseconds
     * @throws BenchException if the request fails or is not answered with 200
     */
    public long sendOnce(HttpRequest request) {
        long sent = System.nanoTime();
        answer(request);
        return System.nanoTime() - sent;
    }

    /**
     * Sends one request from the calling thread and returns its answer's body.
     *
     * @throws BenchException if the request fails or is not answered with 200
     */
    public byte[] answer(HttpRequest request) {
        try {
            return send(request);
        } catch (IOException e) {
            throw new BenchException(request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while waiting for " + request.uri(), e);
        }
    }

    private interface Work {
        void run(LongBuffer latencies) throws Exception;
    }

    private List<LongBuffer> runWorkers(Work work) {
        List<LongBuffer> buffers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < workers; w++) {
            LongBuffer buffer = new LongBuffer();
            buffers.add(buffer);
            Thread thread = new Thread(
                    () -> {
                        try {
                            work.run(buffer);
                        } catch (Exception e) {
                            failures.add(e);
                        }
                    },
                    "load-" + w);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted while waiting for the load workers", e);
            }
        }
        if (!failures.isEmpty()) {
            throw new BenchException(
                    failures.size() + " load workers failed, first: " + failures.get(0), failures.get(0));
        }
        return buffers;
    }

    private void sendRetryingOnce(HttpRequest request, AtomicLong retried) throws IOException, InterruptedException {
        try {
            send(request);
        } catch (IOException first) {
            retried.incrementAndGet();
            try {
                send(request);
            } catch (IOException second) {
                second.addSuppressed(first);
                throw new IOException(request.uri() + " failed twice, the second time: " + second.getMessage(), second);
            }
        }
    }

    private byte[] send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new BenchException(request.uri() + " answered " + response.statusCode() + ", every request must"
                    + " succeed: " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private static Outcome outcome(List<LongBuffer> buffers, long start, long retried) {
        long seconds = System.nanoTime() - start;
        int count = 0;
        for (LongBuffer buffer : buffers) {
            count += buffer.size;
        }
        long[] all = new long[count];
        int at = 0;
        for (LongBuffer buffer : buffers) {
            System.arraycopy(buffer.values, 0, all, at, buffer.size);
            at += buffer.size;
        }
        return new Outcome(count, seconds / 1e9, Percentiles.of(all, count), retried);
    }

    /** A growable array of primitive longs, one per worker, so recording a latency does not box. */
    private static final class LongBuffer {
        long[] values = new long[1 << 14];
        int size;

        void add(long value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }
    }

    /** A GET request to {@code uri}. */
    public static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
    }

    /** A POST request of {@code body} with {@code contentType}. */
    public static HttpRequest post(URI uri, String contentType, String body) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
