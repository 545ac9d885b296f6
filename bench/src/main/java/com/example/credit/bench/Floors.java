package com.example.credit.bench;

import com.example.credit.batch.local.LocalTransformer;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * What the two JSON-path targets of issue 19 are measured against besides the engine: the work that any JSON answer
 * needs whatever computes it, measured in the same run so that a goal below it shows as such.
 *
 * <ul>
 *   <li>{@link #json}: Jackson's streaming API reading each request record and writing each answer,
 *       no explaining;
 *   <li>{@link #write}: writing a batch job's output bytes to a file, no reading and no explaining.
 * </ul>
 */
final class Floors {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Floors() {}

    /**
     * CPU time per record, on this thread, of the least JSON work an explainer does for a record with Jackson's
     * streaming API: reading the record token by token (each name, string and number read as a value) and writing its
     * answer token by token (names, strings and numbers as the answer holds them; doubles with the explainer's fast
     * writer), and of writing only the answer's doubles; each after a warm-up worth {@code budget} of CPU time, over
     * passes worth as much. The answers are read into tokens beforehand; no trees, no explaining.
     *
     * @throws BenchException when the lists are empty or not one answer per record
     */
    static Json json(List<String> records, List<String> answers, Duration budget) {
        if (records.isEmpty() || records.size() != answers.size()) {
            throw new BenchException("the JSON floor needs one answer per record and at least one record, got "
                    + records.size() + " records and " + answers.size() + " answers");
        }
        JsonFactory factory = factory();
        List<Token[]> tapes = new ArrayList<>(answers.size());
        List<double[]> doubles = new ArrayList<>(answers.size());
        for (String answer : answers) {
            Token[] tape = tokens(factory, answer);
            tapes.add(tape);
            doubles.add(Arrays.stream(tape)
                    .filter(token -> token.kind() == JsonToken.VALUE_NUMBER_FLOAT)
                    .mapToDouble(Token::number)
                    .toArray());
        }
        double read = nanosPerPass(budget, () -> {
                    long seen = 0;
                    for (String record : records) {
                        seen += read(factory, record);
                    }
                    return seen;
                })
                / records.size();
        double write = writeNanos(budget, tapes, (tape, out) -> write(factory, tape, out));
        double writeDoubles = writeNanos(budget, doubles, (values, out) -> writeDoubles(factory, values, out));
        return new Json(read, write, writeDoubles);
    }

    /**
     * The JSON floor, in CPU nanoseconds per record.
     *
     * @param readNanos reading a record
     * @param writeNanos writing its answer
     * @param doublesNanos writing only the answer's doubles (part of {@code writeNanos}'s work)
     */
    record Json(double readNanos, double writeNanos, double doublesNanos) {

        /** Reading a record and writing its answer. */
        double totalNanos() {
            return readNanos + writeNanos;
        }
    }

    /** CPU nanoseconds, on this thread, per item of writing every item of {@code items} to bytes. */
    private static <T> double writeNanos(Duration budget, List<T> items, BiConsumer<T, ByteArrayOutputStream> writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 12);
        return nanosPerPass(budget, () -> {
                    long size = 0;
                    for (T item : items) {
                        bytes.reset();
                        writer.accept(item, bytes);
                        size += bytes.size();
                    }
                    return size;
                })
                / items.size();
    }

    /**
     * CPU nanoseconds, on this thread, per call of {@code pass}, after calls worth {@code budget} of CPU time, over
     * calls worth as much. {@code pass} returns something of its work (never 0 in total), so that the JIT keeps it.
     */
    static double nanosPerPass(Duration budget, LongSupplier pass) {
        long nanos = budget.toNanos();
        long sink = pass.getAsLong();
        long start = THREADS.getCurrentThreadCpuTime();
        while (THREADS.getCurrentThreadCpuTime() - start < nanos) {
            sink += pass.getAsLong();
        }
        long passes = 0;
        long spent;
        start = THREADS.getCurrentThreadCpuTime();
        do {
            sink += pass.getAsLong();
            passes++;
            spent = THREADS.getCurrentThreadCpuTime() - start;
        } while (spent < nanos);
        if (sink == 0) {
            // Never true (every pass reads or writes something); it keeps the JIT from dropping the results.
            throw new BenchException("a floor's passes did nothing");
        }
        return spent / (double) passes;
    }

    /** Jackson's JSON factory with the explainer's fast double writer. */
    private static JsonFactory factory() {
        return JsonFactory.builder()
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .build();
    }

    /** One token of an answer: its kind and, for a name or scalar, its value. */
    private record Token(JsonToken kind, String text, double number, long integer) {}

    private static Token[] tokens(JsonFactory factory, String json) {
        List<Token> tokens = new ArrayList<>();
        try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                tokens.add(
                        switch (token) {
                            case PROPERTY_NAME, VALUE_STRING -> new Token(token, parser.getString(), 0, 0);
                            case VALUE_NUMBER_FLOAT -> new Token(token, null, parser.getDoubleValue(), 0);
                            case VALUE_NUMBER_INT -> new Token(token, null, 0, parser.getLongValue());
                            default -> new Token(token, null, 0, 0);
                        });
            }
        }
        return tokens.toArray(Token[]::new);
    }

    /** {@code json} read into tokens and written back as the floor writes an answer (compact, UTF-8). */
    static String replayed(String json) {
        JsonFactory factory = factory();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(factory, tokens(factory, json), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static long read(JsonFactory factory, String record) {
        long seen = 0;
        try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), record)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                seen += switch (token) {
                    case PROPERTY_NAME, VALUE_STRING -> parser.getString().length();
                    case VALUE_NUMBER_FLOAT, VALUE_NUMBER_INT -> (long) parser.getDoubleValue();
                    default -> 1;
                };
            }
        }
        return seen;
    }

    private static void writeDoubles(JsonFactory factory, double[] values, ByteArrayOutputStream out) {
        try (JsonGenerator generator = factory.createGenerator(ObjectWriteContext.empty(), out)) {
            generator.writeStartArray();
            for (double value : values) {
                generator.writeNumber(value);
            }
            generator.writeEndArray();
        }
    }

    private static void write(JsonFactory factory, Token[] tokens, ByteArrayOutputStream out) {
        try (JsonGenerator generator = factory.createGenerator(ObjectWriteContext.empty(), out)) {
            for (Token token : tokens) {
                switch (token.kind()) {
                    case START_OBJECT -> generator.writeStartObject();
                    case END_OBJECT -> generator.writeEndObject();
                    case START_ARRAY -> generator.writeStartArray();
                    case END_ARRAY -> generator.writeEndArray();
                    case PROPERTY_NAME -> generator.writeName(token.text());
                    case VALUE_STRING -> generator.writeString(token.text());
                    case VALUE_NUMBER_FLOAT -> generator.writeNumber(token.number());
                    case VALUE_NUMBER_INT -> generator.writeNumber(token.integer());
                    case VALUE_TRUE -> generator.writeBoolean(true);
                    case VALUE_FALSE -> generator.writeBoolean(false);
                    case VALUE_NULL -> generator.writeNull();
                    default -> throw new BenchException("the JSON floor cannot write a " + token.kind() + " token");
                }
            }
        }
    }

    /**
     * What {@link #write} wrote.
     *
     * @param lines lines written
     * @param bytes bytes written, line ends included
     * @param seconds wall-clock seconds from opening the file to closing it
     */
    record Written(long lines, long bytes, double seconds) {}

    /**
     * Writes {@code sample}'s lines again and again, each followed by {@code '\n'}, until at least {@code bytes}
     * bytes are written, with the writer the local batch back end writes its output with
     * ({@link LocalTransformer#outputWriter}), to {@code file}, which is deleted afterwards.
     *
     * @throws BenchException when the sample is empty or its lines are empty
     */
    static Written write(List<String> sample, long bytes, Path file) {
        if (sample.isEmpty() || sample.stream().anyMatch(String::isEmpty)) {
            throw new BenchException("the write floor needs a sample of non-empty lines, got " + sample.size()
                    + " lines" + (sample.isEmpty() ? "" : " with empty ones"));
        }
        long[] sizes = new long[sample.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = sample.get(i).getBytes(StandardCharsets.UTF_8).length + 1L;
        }
        long lines = 0;
        long written = 0;
        long start = System.nanoTime();
        try {
            try (BufferedWriter writer = LocalTransformer.outputWriter(file)) {
                for (int i = 0; written < bytes; i = (i + 1) % sizes.length) {
                    writer.write(sample.get(i));
                    writer.write('\n');
                    written += sizes[i];
                    lines++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Written(lines, written, seconds);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the write floor's file " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A leftover file in the bench's work folder harms nothing; the next run overwrites it.
            }
        }
    }
}
