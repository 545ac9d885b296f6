package com.example.credit.batch.local;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * One input record, ready to send or already failed.
 *
 * @param line the 1-based line of the record in its file (1 for a whole-file record)
 * @param lineCount how many input lines, and so output lines, the record covers (the non-blank lines of a file
 *     for SplitType None), or {@link #WHOLE_DOCUMENT}
 * @param input the parsed input record for the join ({@code null} when it could not be parsed or is a whole file)
 * @param payload the filtered text to send, or {@code null} when the record failed before sending
 * @param failure why the record cannot be sent, or {@code null}
 * @param joinable for a JSON object joined with its output without the tree: the object as the tree would write
 *     it (then {@code input} is {@code null} and {@code payload} is the record's text); else {@code null}
 * @param payloadBytes the payload in UTF-8, encoded once ({@code null} with the payload)
 */
record PreparedRecord(
        int line,
        int lineCount,
        JsonNode input,
        String payload,
        RecordError failure,
        String joinable,
        byte[] payloadBytes) {

    /**
     * The line count of a whole {@code application/json} file: one document whose lines say nothing about its
     * records, so it gets as many output lines as the explainer returns results.
     */
    static final int WHOLE_DOCUMENT = 0;

    PreparedRecord {
        if (lineCount < 0) {
            throw new IllegalArgumentException("line count " + lineCount + " must not be negative");
        }
        if ((payload == null) == (failure == null)) {
            throw new IllegalArgumentException("a record has either a payload or a failure, not both or neither");
        }
        if (payload != null && payloadBytes == null) {
            payloadBytes = payload.getBytes(StandardCharsets.UTF_8);
        }
        if (payload == null) {
            payloadBytes = null;
        }
    }

    PreparedRecord(int line, int lineCount, JsonNode input, String payload, RecordError failure) {
        this(line, lineCount, input, payload, failure, null, null);
    }

    /** Whether the record goes to the explainer. */
    boolean sendable() {
        return payload != null;
    }

    /** The record with a failure instead of its payload. */
    PreparedRecord failed(RecordError error) {
        return new PreparedRecord(line, lineCount, input, null, error, joinable, null);
    }
}
