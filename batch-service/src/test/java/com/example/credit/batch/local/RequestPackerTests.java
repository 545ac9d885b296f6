package com.example.credit.batch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestPackerTests {

    private static PreparedRecord record(int line, int bytes) {
        return new PreparedRecord(line, 1, null, "x".repeat(bytes), null);
    }

    private static PreparedRecord failed(int line) {
        return new PreparedRecord(line, 1, null, null, new RecordError(0, "Empty record", "blank"));
    }

    private static List<List<Integer>> pack(List<PreparedRecord> records, boolean multi, long limit) {
        List<List<Integer>> requests = new ArrayList<>();
        new RequestPacker(records.iterator(), multi, limit)
                .forEachRemaining(request ->
                        requests.add(request.stream().map(PreparedRecord::line).toList()));
        return requests;
    }

    @Test
    void packsRecordsInOrderUntilTheNextWouldPassTheLimit() {
        // Each record costs its bytes plus one separator; one byte is kept for a JSON array's bracket.
        List<PreparedRecord> records = List.of(record(1, 9), record(2, 9), record(3, 9), record(4, 9), record(5, 9));

        assertThat(pack(records, true, 31)).containsExactly(List.of(1, 2, 3), List.of(4, 5));
        assertThat(pack(records, true, 30)).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
    }

    @Test
    void sendsOneRecordPerRequestWithSingleRecord() {
        List<PreparedRecord> records = List.of(record(1, 1), record(2, 1), record(3, 1));

        assertThat(pack(records, false, 1000)).containsExactly(List.of(1), List.of(2), List.of(3));
    }

    @Test
    void keepsFailedRecordsInPlaceAtNoCost() {
        List<PreparedRecord> records = List.of(record(1, 9), failed(2), record(3, 9), failed(4), record(5, 9));

        assertThat(pack(records, true, 21)).containsExactly(List.of(1, 2, 3, 4), List.of(5));
        assertThat(pack(records, false, 21)).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
    }

    @Test
    void failsARecordLargerThanTheLimitOnItsOwn() {
        List<PreparedRecord> records = List.of(record(1, 5), record(2, 50), record(3, 5));
        List<List<PreparedRecord>> requests = new ArrayList<>();
        new RequestPacker(records.iterator(), true, 20).forEachRemaining(requests::add);

        PreparedRecord oversized = requests.get(0).get(1);
        assertThat(oversized.sendable()).isFalse();
        assertThat(oversized.failure().status()).isEqualTo(413);
        assertThat(oversized.failure().detail())
                .isEqualTo("the record has 50 bytes, more than MaxPayloadInMB allows (20 bytes)");
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0)).extracting(PreparedRecord::line).containsExactly(1, 2, 3);
    }
}
