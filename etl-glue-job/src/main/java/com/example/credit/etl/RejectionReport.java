package com.example.credit.etl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Rejected raw records per file and reason, written to P/_rejections.json on every run that gets past
 * validation, and the verdict against the allowed fraction.
 *
 * @param maxRejectedFraction largest tolerated share of rejected records per file
 * @param inputs one entry per raw file
 */
public record RejectionReport(double maxRejectedFraction, List<Input> inputs) {

    /** Format of P/_rejections.json. */
    public static final int FORMAT_VERSION = 1;

    /** A line Spark could not parse against the raw schema. */
    public static final String MALFORMED_LINE = "malformed_line";

    /** A credit whose person_id matches no well-formed person. */
    public static final String UNKNOWN_PERSON = "unknown_person";

    public RejectionReport {
        inputs = List.copyOf(inputs);
    }

    /**
     * Rejections of one raw file.
     *
     * @param file the raw file
     * @param read records read
     * @param reasons rejected records per reason, kept sorted by reason
     */
    public record Input(String file, long read, Map<String, Long> reasons) {

        public Input {
            Objects.requireNonNull(file, "file");
            reasons = Collections.unmodifiableSortedMap(new TreeMap<>(reasons));
            if (rejectedOf(reasons) > read) {
                throw new IllegalArgumentException(
                        file + ": " + rejectedOf(reasons) + " rejected records exceed the " + read + " read");
            }
        }

        /** Records rejected for any reason. */
        public long rejected() {
            return rejectedOf(reasons);
        }

        /** Share of the records read that were rejected (0 for an empty file). */
        public double rejectedFraction() {
            return read == 0 ? 0 : (double) rejected() / read;
        }

        private static long rejectedOf(Map<String, Long> reasons) {
            return reasons.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The first file whose rejected fraction exceeds the limit, if any. */
    public Optional<Input> firstExcess() {
        return inputs.stream()
                .filter(input -> input.rejectedFraction() > maxRejectedFraction)
                .findFirst();
    }

    /** A one-line account for logs and errors. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (Input input : inputs) {
            text.append(text.isEmpty() ? "" : "; ")
                    .append(input.file())
                    .append(": ")
                    .append(input.rejected())
                    .append(" of ")
                    .append(input.read())
                    .append(" rejected ")
                    .append(input.reasons());
        }
        return text.toString();
    }

    /** The report as pretty-printed JSON, keys in a fixed order. */
    public byte[] toJson() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("max_rejected_fraction", maxRejectedFraction);
        root.put("exceeded", firstExcess().isPresent());
        ObjectNode files = root.putObject("inputs");
        for (Input input : inputs) {
            ObjectNode node = files.putObject(input.file());
            node.put("read", input.read());
            node.put("rejected", input.rejected());
            node.put("rejected_fraction", input.rejectedFraction());
            ObjectNode reasons = node.putObject("reasons");
            input.reasons().forEach(reasons::put);
        }
        try {
            return mapper.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
