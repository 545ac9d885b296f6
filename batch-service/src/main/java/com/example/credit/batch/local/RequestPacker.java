package com.example.credit.batch.local;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Groups records into requests. SingleRecord: one record a request. MultiRecord: as many records as fit into
 * the payload limit, in input order. Records that failed before sending ride along at no cost, so that their
 * error lines keep their place; a record larger than the limit on its own fails with a message saying so.
 */
final class RequestPacker implements Iterator<List<PreparedRecord>> {

    private final Iterator<PreparedRecord> records;
    private final boolean multiRecord;
    private final long maxPayloadBytes;
    private PreparedRecord pending;

    RequestPacker(Iterator<PreparedRecord> records, boolean multiRecord, long maxPayloadBytes) {
        this.records = Objects.requireNonNull(records, "records");
        this.multiRecord = multiRecord;
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("payload limit " + maxPayloadBytes + " bytes must be positive");
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public boolean hasNext() {
        return pending != null || records.hasNext();
    }

    @Override
    public List<PreparedRecord> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records");
        }
        List<PreparedRecord> request = new ArrayList<>();
        // One byte is kept for the opening bracket of a JSON array.
        long used = 1;
        boolean hasSendable = false;
        while (pending != null || records.hasNext()) {
            PreparedRecord record = pending != null ? pending : checkSize(records.next());
            pending = null;
            if (!record.sendable()) {
                request.add(record);
                continue;
            }
            long cost = RecordCodec.cost(record);
            if (hasSendable && (!multiRecord || used + cost > maxPayloadBytes)) {
                pending = record;
                break;
            }
            request.add(record);
            used += cost;
            hasSendable = true;
        }
        return List.copyOf(request);
    }

    private PreparedRecord checkSize(PreparedRecord record) {
        if (record.sendable() && RecordCodec.cost(record) + 1 > maxPayloadBytes) {
            return record.failed(new RecordError(
                    413,
                    "Payload too large",
                    String.format(
                            Locale.ROOT,
                            "the record has %d bytes, more than MaxPayloadInMB allows (%d bytes)",
                            RecordCodec.cost(record) - 1,
                            maxPayloadBytes)));
        }
        return record;
    }
}
