package com.example.credit.batch.local;

import com.example.credit.batch.FilterException;
import com.example.credit.batch.TransformException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends one packed request and turns the answer into output lines, one list per record, in record order.
 *
 * <p>The explainer validates a whole request at once, so one bad record makes a multi-record request fail with
 * 400. The request is then split in halves and re-sent until the bad records stand alone; only they get error
 * lines. Server errors
 * and lost connections are retried once per pause of the retry pauses (by default twice, after 0.2 s and 1 s);
 * after that the file fails and keeps no output.
 */
final class RequestRunner {

    private final ExplainerClient client;
    private final RecordCodec codec;
    private final String contentType;
    private final String accept;
    private final long[] retryPausesMs;
    private final AtomicLong requests = new AtomicLong();

    RequestRunner(
            ExplainerClient client, RecordCodec codec, String contentType, String accept, List<Duration> retryPauses) {
        this.client = Objects.requireNonNull(client, "client");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.accept = accept;
        this.retryPausesMs = retryPauses.stream().mapToLong(Duration::toMillis).toArray();
    }

    /** How many HTTP requests were sent so far, retries and re-sends included. */
    long requests() {
        return requests.get();
    }

    /** The output lines of each record of a request, in order. */
    List<RecordLines> run(List<PreparedRecord> request) {
        return exchange(request).lines();
    }

    /**
     * Sends a request (and its halves, when the explainer rejects it) and returns its outputs still to be made from
     * the answers: the caller makes them on its own thread, so that the next request goes out meanwhile.
     */
    Outputs exchange(List<PreparedRecord> request) {
        List<PreparedRecord> sendable =
                request.stream().filter(PreparedRecord::sendable).toList();
        List<Outputs> parts = sendable.isEmpty() ? List.of() : send(sendable);
        return () -> {
            List<RecordLines> sent = new ArrayList<>(sendable.size());
            for (Outputs part : parts) {
                sent.addAll(part.lines());
            }
            List<RecordLines> lines = new ArrayList<>(request.size());
            int next = 0;
            for (PreparedRecord record : request) {
                lines.add(record.sendable() ? sent.get(next++) : errorLines(record, record.failure()));
            }
            return lines;
        };
    }

    /** The output lines of a request, made on demand from the explainer's answers. */
    @FunctionalInterface
    interface Outputs {
        /**
         * The lines, one entry per record in order.
         *
         * @throws TransformException when an answer breaks the one-output-per-record rule or cannot be read
         */
        List<RecordLines> lines();
    }

    private List<Outputs> send(List<PreparedRecord> records) {
        ExplainerClient.Response response = invokeWithRetries(records);
        int status = response.status();
        if (status == 200) {
            return List.of(() -> outputs(records, response));
        }
        if (status == 415 || status == 406) {
            // The job's ContentType or Accept is wrong: every record would fail the same way.
            ExplainerClient.Problem problem = client.problem(response);
            throw new TransformException("the explainer rejects the job's "
                    + (status == 415 ? "ContentType '" + contentType + "'" : "Accept '" + accept + "'") + " ("
                    + status + " " + problem.title() + "): " + problem.detail());
        }
        if (status >= 400 && status < 500) {
            if (records.size() > 1) {
                // Halving finds k bad records among n in about k * log2(n) requests instead of n.
                int half = records.size() / 2;
                List<Outputs> parts = new ArrayList<>(send(records.subList(0, half)));
                parts.addAll(send(records.subList(half, records.size())));
                return parts;
            }
            ExplainerClient.Problem problem = client.problem(response);
            RecordLines lines = errorLines(records.get(0), new RecordError(status, problem.title(), problem.detail()));
            return List.of(() -> List.of(lines));
        }
        throw new TransformException("the explainer answered " + status + " " + times(retryPausesMs.length + 1) + ": "
                + client.problem(response).detail());
    }

    private ExplainerClient.Response invokeWithRetries(List<PreparedRecord> records) {
        byte[] body = codec.payload(records);
        for (int attempt = 0; ; attempt++) {
            requests.incrementAndGet();
            try {
                ExplainerClient.Response response = client.invoke(body, contentType, accept);
                if (response.status() < 500 || attempt == retryPausesMs.length) {
                    return response;
                }
            } catch (TransformException e) {
                if (attempt == retryPausesMs.length) {
                    throw e;
                }
            }
            pause(retryPausesMs[attempt]);
        }
    }

    private List<RecordLines> outputs(List<PreparedRecord> records, ExplainerClient.Response response) {
        if (codec.streamsOutputs(records)) {
            List<String> items = client.itemTexts(response);
            return outputs(records, items, codec::output);
        }
        return outputs(records, client.items(response), codec::output);
    }

    /** How one record's output line is made from one result of the explainer. */
    @FunctionalInterface
    private interface LineMaker<T> {
        String line(PreparedRecord record, T item);
    }

    private <T> List<RecordLines> outputs(List<PreparedRecord> records, List<T> items, LineMaker<T> maker) {
        boolean document = records.size() == 1 && records.get(0).lineCount() == PreparedRecord.WHOLE_DOCUMENT;
        int expected = document
                ? items.size()
                : records.stream().mapToInt(PreparedRecord::lineCount).sum();
        if (items.size() != expected) {
            throw new TransformException("the explainer answered " + items.size() + " result(s) for " + expected
                    + " record(s) starting at line " + records.get(0).line()
                    + "; a CSV header line or a multi-line record breaks the one-output-per-line rule");
        }
        List<RecordLines> lines = new ArrayList<>(records.size());
        int next = 0;
        for (PreparedRecord record : records) {
            int count = document ? items.size() : record.lineCount();
            List<String> recordLines = new ArrayList<>(count);
            int errors = 0;
            for (int i = 0; i < count; i++) {
                T item = items.get(next++);
                try {
                    recordLines.add(maker.line(record, item));
                } catch (FilterException e) {
                    recordLines.add(codec.error(record, new RecordError(0, "OutputFilter failed", e.getMessage())));
                    errors++;
                }
            }
            lines.add(new RecordLines(recordLines, errors));
        }
        return lines;
    }

    private RecordLines errorLines(PreparedRecord record, RecordError error) {
        String line = codec.error(record, error);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < Math.max(1, record.lineCount()); i++) {
            lines.add(line);
        }
        return new RecordLines(lines, lines.size());
    }

    private static String times(int attempts) {
        return switch (attempts) {
            case 1 -> "once";
            case 2 -> "twice";
            case 3 -> "three times";
            default -> attempts + " times";
        };
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransformException("interrupted while waiting to retry a request", e);
        }
    }
}
