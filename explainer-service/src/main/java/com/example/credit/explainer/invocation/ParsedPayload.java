package com.example.credit.explainer.invocation;

import java.util.List;

/**
 * The records of one request body.
 *
 * @param records the records in body order, at least one
 * @param singleObject whether the body was one JSON object (answered with one object, not a list)
 */
public record ParsedPayload(List<ParsedRecord> records, boolean singleObject) {

    public ParsedPayload {
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new MalformedPayloadException(0, "the request contains no records; send at least one application");
        }
        if (singleObject && records.size() != 1) {
            throw new IllegalArgumentException("a single-object payload has exactly one record, not " + records.size());
        }
    }
}
