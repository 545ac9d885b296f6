package com.example.credit.batch.local;

import java.util.Objects;

/**
 * Why one record has no output: written as its error line, so the output keeps one line per input line.
 *
 * @param status the HTTP status of the explainer's answer, or 0 when the record never reached it
 * @param title a short title (the problem detail's title)
 * @param detail what exactly was wrong (the problem detail's detail)
 */
public record RecordError(int status, String title, String detail) {

    public RecordError {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
    }
}
