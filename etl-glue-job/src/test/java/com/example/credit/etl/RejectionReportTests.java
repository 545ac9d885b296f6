package com.example.credit.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RejectionReportTests {

    @Test
    void findsTheFirstFileAboveTheAllowedFraction() {
        RejectionReport report = new RejectionReport(
                0.1,
                List.of(
                        new RejectionReport.Input("credits.csv", 100, Map.of("malformed_line", 10L)),
                        new RejectionReport.Input("people.jsonl", 100, Map.of("malformed_line", 11L))));
        assertThat(report.firstExcess()).map(RejectionReport.Input::file).contains("people.jsonl");
    }

    @Test
    void allowsNothingAtZeroButAcceptsAnEmptyFile() {
        RejectionReport clean = new RejectionReport(0, List.of(new RejectionReport.Input("a.csv", 0, Map.of())));
        assertThat(clean.firstExcess()).isEmpty();
        RejectionReport one =
                new RejectionReport(0, List.of(new RejectionReport.Input("a.csv", 1000, Map.of("x", 1L))));
        assertThat(one.firstExcess()).isPresent();
    }

    @Test
    void writesCountsPerFileAndReasonAsJson() {
        RejectionReport report = new RejectionReport(
                0,
                List.of(new RejectionReport.Input(
                        "credits.csv", 4, Map.of("unknown_person", 1L, "malformed_line", 0L))));
        String json = new String(report.toJson(), StandardCharsets.UTF_8);
        assertThat(json)
                .contains("\"format_version\" : 1", "\"exceeded\" : true", "\"read\" : 4", "\"rejected\" : 1")
                .containsSubsequence("\"malformed_line\" : 0", "\"unknown_person\" : 1");
    }

    @Test
    void refusesMoreRejectionsThanRecords() {
        assertThatThrownBy(() -> new RejectionReport.Input("a.csv", 1, Map.of("x", 2L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a.csv: 2 rejected records exceed the 1 read");
    }
}
