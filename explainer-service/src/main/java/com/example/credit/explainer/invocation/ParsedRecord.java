package com.example.credit.explainer.invocation;

import java.util.Objects;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * One application read from a request body: as a JSON object keyed by feature name, or, when it was read straight
 * from its tokens because it certainly conforms to the schema, as its encoded row, the object then being read from
 * the record's line (JSON Lines, CSV) or its body (JSON) only if something asks for it (the {@code data} entity
 * echoes it). Not thread-safe: a request's records belong to its thread.
 */
public final class ParsedRecord {

    private final int number;
    private final int line;
    private final double[] encoded;
    private final Supplier<ObjectNode> reader;
    private ObjectNode data;

    /**
     * A record read into a JSON object.
     *
     * @param number the 1-based number of the record in the request
     * @param line the 1-based line of the record in the body (JSON Lines, CSV), or 0 for JSON
     * @param data the application as a JSON object, keyed by feature name
     */
    public ParsedRecord(int number, int line, ObjectNode data) {
        this(number, line, null, null, Objects.requireNonNull(data, "data"));
    }

    private ParsedRecord(int number, int line, double[] encoded, Supplier<ObjectNode> reader, ObjectNode data) {
        if (number < 1) {
            throw new IllegalArgumentException("record number " + number + " must be 1 or more");
        }
        this.number = number;
        this.line = line;
        this.encoded = encoded;
        this.reader = reader;
        this.data = data;
    }

    /**
     * A record read straight into its encoded row (it certainly conforms to the schema); {@code reader} reads its
     * text into the JSON object the other path would have made, when asked.
     */
    static ParsedRecord streamed(int number, int line, double[] encoded, Supplier<ObjectNode> reader) {
        return new ParsedRecord(
                number,
                line,
                Objects.requireNonNull(encoded, "encoded"),
                Objects.requireNonNull(reader, "reader"),
                null);
    }

    /** The 1-based number of the record in the request. */
    public int number() {
        return number;
    }

    /** The 1-based line of the record in the body (JSON Lines, CSV), or 0 for JSON. */
    public int line() {
        return line;
    }

    /** The application as a JSON object, keyed by feature name. */
    public ObjectNode data() {
        if (data == null) {
            data = reader.get();
        }
        return data;
    }

    /**
     * The encoded row when the record was read straight from its tokens, which also means it certainly conforms to
     * the schema; {@code null} for a record read into a JSON object (validate and encode that).
     */
    double[] encoded() {
        return encoded;
    }

    /** Where the record is, for messages: "record 2" or "record 2 (line 3)". */
    public String location() {
        return line == 0 ? "record " + number : "record " + number + " (line " + line + ")";
    }
}
