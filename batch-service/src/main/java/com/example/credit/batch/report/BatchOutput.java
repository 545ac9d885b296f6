package com.example.credit.batch.report;

import java.util.List;

/**
 * The readable records of a batch output and what had to be left out.
 *
 * @param records the explained records, in file and line order
 * @param errorLines error lines (records the explainer rejected)
 * @param files the output files read
 */
public record BatchOutput(List<ScoredRecord> records, long errorLines, int files) {

    public BatchOutput {
        records = List.copyOf(records);
    }
}
