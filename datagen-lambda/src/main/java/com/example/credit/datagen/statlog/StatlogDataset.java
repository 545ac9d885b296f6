package com.example.credit.datagen.statlog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The 1000 Statlog German Credit applications bundled as a class-path resource (with their CC BY 4.0
 * attribution in the README beside them), decoded once, plus the observed range of each perturbable number.
 *
 * @param records the applications in file order
 */
public record StatlogDataset(List<StatlogRecord> records) {

    /** Class-path location of the data file. */
    public static final String DATA_RESOURCE = "/com/example/credit/datagen/statlog/german.data";

    /** Class-path location of the data README (code list and attribution). */
    public static final String README_RESOURCE = "/com/example/credit/datagen/statlog/README.md";

    private static final int COLUMNS = 21;

    public StatlogDataset {
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new StatlogFormatException("the Statlog data must hold at least one record");
        }
    }

    /** Loads and decodes the bundled {@code german.data}. */
    public static StatlogDataset load() {
        try (InputStream in = StatlogDataset.class.getResourceAsStream(DATA_RESOURCE)) {
            if (in == null) {
                throw new StatlogFormatException("class-path resource " + DATA_RESOURCE + " is missing");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DATA_RESOURCE, e);
        }
    }

    /** Decodes space-separated Statlog lines; blank lines are skipped. */
    public static StatlogDataset parse(BufferedReader reader) throws IOException {
        List<StatlogRecord> records = new ArrayList<>();
        String line;
        int lineNumber = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (!line.isBlank()) {
                records.add(parseLine(line.trim(), lineNumber));
            }
        }
        return new StatlogDataset(records);
    }

    /** Decodes one line of {@code german.data}. */
    public static StatlogRecord parseLine(String line, int lineNumber) {
        String[] c = line.split("\\s+");
        if (c.length != COLUMNS) {
            throw new StatlogFormatException(
                    "line " + lineNumber + ": expected " + COLUMNS + " columns, got " + c.length + ": " + line);
        }
        try {
            return new StatlogRecord(
                    StatlogCodes.CHECKING_ACCOUNT.decode(c[0]),
                    number(c[1], 2, lineNumber),
                    StatlogCodes.CREDIT_HISTORY.decode(c[2]),
                    StatlogCodes.PURPOSE.decode(c[3]),
                    number(c[4], 5, lineNumber),
                    StatlogCodes.SAVINGS_ACCOUNT.decode(c[5]),
                    StatlogCodes.EMPLOYED_SINCE.decode(c[6]),
                    number(c[7], 8, lineNumber),
                    StatlogCodes.PERSONAL_STATUS.decode(c[8]),
                    StatlogCodes.OTHER_DEBTORS.decode(c[9]),
                    number(c[10], 11, lineNumber),
                    StatlogCodes.PROPERTY.decode(c[11]),
                    number(c[12], 13, lineNumber),
                    StatlogCodes.OTHER_INSTALLMENT_PLANS.decode(c[13]),
                    StatlogCodes.HOUSING.decode(c[14]),
                    number(c[15], 16, lineNumber),
                    StatlogCodes.JOB.decode(c[16]),
                    number(c[17], 18, lineNumber),
                    StatlogCodes.TELEPHONE.decode(c[18]),
                    StatlogCodes.FOREIGN_WORKER.decode(c[19]),
                    defaulted(c[20], lineNumber));
        } catch (StatlogFormatException e) {
            throw new StatlogFormatException("line " + lineNumber + ": " + e.getMessage());
        }
    }

    /** Number of records. */
    public int size() {
        return records.size();
    }

    /** The record at a 0-based position in file order. */
    public StatlogRecord get(int index) {
        return records.get(index);
    }

    /** Smallest and largest value of a numeric attribute over all records. */
    public Range observed(ToIntFunction<StatlogRecord> attribute) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (StatlogRecord record : records) {
            int value = attribute.applyAsInt(record);
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return new Range(min, max);
    }

    private static int number(String token, int attribute, int lineNumber) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new StatlogFormatException(
                    "line " + lineNumber + ": attribute " + attribute + " must be an integer, got '" + token + "'");
        }
    }

    private static boolean defaulted(String token, int lineNumber) {
        return switch (token) {
            case "1" -> false;
            case "2" -> true;
            default ->
                throw new StatlogFormatException("line " + lineNumber
                        + ": attribute 21 (class) must be 1 (good) or 2 (bad), got '" + token + "'");
        };
    }

    /**
     * An inclusive integer range.
     *
     * @param min smallest value
     * @param max largest value
     */
    public record Range(int min, int max) {

        public Range {
            if (max < min) {
                throw new IllegalArgumentException("range must satisfy min <= max, got " + min + ".." + max);
            }
        }

        /** The value moved into this range. */
        public int clamp(int value) {
            return Math.max(min, Math.min(max, value));
        }
    }
}
