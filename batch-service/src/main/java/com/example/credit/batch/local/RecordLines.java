package com.example.credit.batch.local;

import java.util.List;

/**
 * The output lines of one record (one for SplitType Line, one per input line for a whole file).
 *
 * @param lines the lines, without line ends
 * @param errorLines how many of them are error lines
 */
record RecordLines(List<String> lines, int errorLines) {

    RecordLines {
        lines = List.copyOf(lines);
        if (errorLines < 0 || errorLines > lines.size()) {
            throw new IllegalArgumentException(
                    "error line count " + errorLines + " must be in [0, " + lines.size() + "]");
        }
    }
}
