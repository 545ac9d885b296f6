import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The load client of scripts/soak.sh: closed-loop workers POST a seeded mix of requests to the explainer's
 * /invocations on loopback for a fixed time and report requests, errors and latency percentiles.
 *
 * <p>Mix (per request, seeded): 60 % one JSON application (default entities), 20 % a JSON Lines batch of 10,
 * 10 % interaction values of one application, 10 % an application with an unknown category (must be a 400).
 * Every answer is checked: the status, and for a request already answered once, the same bytes as the first
 * time (the service is deterministic), so wrong answers under load count as errors too.
 *
 * <p>A request whose exchange fails with an I/O error is sent once more, and counted: Tomcat closes a kept-alive
 * connection after 100 requests and after every 400, and {@link HttpClient} now and then hands such a connection to
 * the next request in the instant it closes ("HTTP/1.1 header parser received no bytes"; about one request in a
 * million here); it retries only GET requests of its own accord, and /invocations answers the same request the same
 * way. A request that fails twice is an error, and so are more retried requests than MAX_RETRIED_PPM a million
 * (default 100; at least one is allowed unless it is 0): a server that dropped connections of its own accord fails.
 *
 * <p>Run with the single-file launcher: {@code java scripts/SoakClient.java BASE_URL SECONDS WORKERS DATA_DIR
 * [MAX_RETRIED_PPM]} where DATA_DIR holds JSON Lines files of applications (the ETL's data_test).
 */
public final class SoakClient {

    private static final int KINDS = 4;

    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: java SoakClient.java BASE_URL SECONDS WORKERS DATA_DIR [MAX_RETRIED_PPM]");
            System.exit(2);
        }
        URI invocations = URI.create(args[0] + "/invocations");
        if (!List.of("127.0.0.1", "localhost", "[::1]").contains(invocations.getHost())) {
            throw new IllegalArgumentException("the soak runs on loopback only, not against " + invocations.getHost());
        }
        long seconds = Long.parseLong(args[1]);
        int workers = Integer.parseInt(args[2]);
        List<String> applications = applications(Path.of(args[3]));
        long maxRetriedPpm = args.length == 5 ? Long.parseLong(args[4]) : 100;
        if (maxRetriedPpm < 0) {
            throw new IllegalArgumentException("MAX_RETRIED_PPM must be 0 or more, not " + maxRetriedPpm);
        }
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        Map<String, byte[]> firstAnswers = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong retried = new AtomicLong();
        List<String> errorSamples = new ArrayList<>();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            long[][] own = {new long[1 << 16]};
            int[] count = {0};
            SplittableRandom random = new SplittableRandom(20261125L + w);
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    int kind = pickKind(random.nextInt(10));
                    int index = random.nextInt(applications.size());
                    Request request = request(kind, index, applications);
                    long start = System.nanoTime();
                    String problem;
                    HttpRequest http = HttpRequest.newBuilder(invocations)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", request.contentType())
                            .POST(HttpRequest.BodyPublishers.ofString(request.body()))
                            .build();
                    try {
                        HttpResponse<byte[]> response;
                        try {
                            response = client.send(http, HttpResponse.BodyHandlers.ofByteArray());
                        } catch (IOException first) {
                            retried.incrementAndGet();
                            try {
                                response = client.send(http, HttpResponse.BodyHandlers.ofByteArray());
                            } catch (IOException second) {
                                second.addSuppressed(first);
                                throw new IOException("twice, the first time " + first + ", then " + second, second);
                            }
                        }
                        problem = check(request, response, firstAnswers);
                        if (response.statusCode() == 400) {
                            rejected.incrementAndGet();
                        }
                    } catch (IOException e) {
                        problem = "I/O: " + e;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    long elapsed = System.nanoTime() - start;
                    if (count[0] == own[0].length) {
                        own[0] = Arrays.copyOf(own[0], own[0].length * 2);
                    }
                    own[0][count[0]++] = elapsed;
                    if (problem != null) {
                        errors.incrementAndGet();
                        synchronized (errorSamples) {
                            if (errorSamples.size() < 10) {
                                errorSamples.add(problem);
                            }
                        }
                    }
                }
                synchronized (latencies) {
                    latencies.add(Arrays.copyOf(own[0], count[0]));
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        double rate = all.length / (double) seconds;
        System.out.printf(
                "requests=%d errors=%d expected_400=%d retried=%d workers=%d seconds=%d rate_per_s=%.1f%n",
                all.length, errors.get(), rejected.get(), retried.get(), workers, seconds, rate);
        System.out.printf(
                "latency_ms p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f%n",
                percentile(all, 0.50), percentile(all, 0.90), percentile(all, 0.99), percentile(all, 0.999),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        errorSamples.forEach(sample -> System.out.println("error: " + sample));
        // The retries allowed: MAX_RETRIED_PPM a million requests, and at least one unless the limit is 0.
        long allowed = maxRetriedPpm == 0 ? 0 : Math.max(1, all.length * maxRetriedPpm / 1_000_000);
        boolean tooManyRetried = retried.get() > allowed;
        if (tooManyRetried) {
            System.out.printf(
                    "error: %d of %d requests were sent twice after an I/O error (at most %d allowed: %d a million)%n",
                    retried.get(), all.length, allowed, maxRetriedPpm);
        }
        System.exit(errors.get() == 0 && !tooManyRetried && all.length > 0 ? 0 : 1);
    }

    private record Request(String key, String contentType, String body, int expectedStatus) {}

    private static int pickKind(int roll) {
        if (roll < 6) {
            return 0;
        }
        return roll < 8 ? 1 : roll < 9 ? 2 : 3;
    }

    private static Request request(int kind, int index, List<String> applications) {
        String application = applications.get(index);
        String key = kind + ":" + index;
        return switch (kind) {
            case 0 -> new Request(key, "application/json", application, 200);
            case 1 -> {
                StringBuilder lines = new StringBuilder();
                for (int i = 0; i < 10; i++) {
                    lines.append(applications.get((index + i) % applications.size())).append('\n');
                }
                yield new Request(
                        key,
                        "application/jsonlines;entities=prediction,explanation_shap_values,reasons",
                        lines.toString(),
                        200);
            }
            case 2 -> new Request(
                    key, "application/json;entities=prediction,explanation_shap_interaction_values", application, 200);
            default -> new Request(
                    key,
                    "application/json",
                    application.replaceFirst("\"credit__purpose\":\"[^\"]*\"", "\"credit__purpose\":\"yacht\""),
                    400);
        };
    }

    /** Null when the answer is right, else what is wrong with it. */
    private static String check(Request request, HttpResponse<byte[]> response, Map<String, byte[]> firstAnswers) {
        if (response.statusCode() != request.expectedStatus()) {
            return request.key() + ": status " + response.statusCode() + " instead of " + request.expectedStatus()
                    + ": " + new String(response.body(), StandardCharsets.UTF_8);
        }
        byte[] first = firstAnswers.putIfAbsent(request.key(), response.body());
        if (first != null && !Arrays.equals(first, response.body())) {
            return request.key() + ": a different answer than the first time to the same request";
        }
        return null;
    }

    private static List<String> applications(Path directory) throws IOException {
        List<String> applications = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith("_")
                            && !f.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList()) {
                Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .filter(line -> !line.isBlank())
                        .forEach(applications::add);
            }
        }
        if (applications.isEmpty()) {
            throw new IllegalArgumentException("no applications in " + directory);
        }
        return applications;
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }
}
