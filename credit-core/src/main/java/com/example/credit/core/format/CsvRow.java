package com.example.credit.core.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits and writes one CSV row (RFC 4180: commas, double-quoted cells, {@code ""} for a quote inside quotes). A
 * record never spans lines here: the features hold no line breaks.
 */
public final class CsvRow {

    private CsvRow() {}

    /**
     * The cells of a row; a quoted cell may hold commas and doubled quotes, and white space around a quoted cell is
     * dropped.
     *
     * @throws CsvFormatException for an unclosed quote or text after a closing quote
     */
    public static List<String> split(String text) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                cell.setLength(0);
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
            } else if (wasQuoted && !Character.isWhitespace(c)) {
                throw new CsvFormatException(i + 1, "text after a closing quote");
            } else if (!wasQuoted) {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new CsvFormatException(0, "unclosed quote");
        }
        cells.add(cell.toString());
        return cells;
    }

    /** One row of cells, quoting only the cells that need it. */
    public static String join(List<String> cells) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                row.append(',');
            }
            String cell = cells.get(i);
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0) {
                row.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                row.append(cell);
            }
        }
        return row.toString();
    }
}
