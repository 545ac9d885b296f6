package com.example.credit.explainer.invocation;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One application read from a request body.
 *
 * @param number the 1-based number of the record in the request
 * @param line the 1-based line of the record in the body (JSON Lines, CSV), or 0 for JSON
 * @param data the application as a JSON object, keyed by feature name
 */
public record ParsedRecord(int number, int line, ObjectNode data) {

    public ParsedRecord {
        if (number < 1) {
            throw new IllegalArgumentException("record number " + number + " must be 1 or more");
        }
        Objects.requireNonNull(data, "data");
    }

    /** Where the record is, for messages: "record 2" or "record 2 (line 3)". */
    public String location() {
        return line == 0 ? "record " + number : "record " + number + " (line " + line + ")";
    }
}
