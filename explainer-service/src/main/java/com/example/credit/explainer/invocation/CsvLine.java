package com.example.credit.explainer.invocation;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line (RFC 4180: commas, double-quoted cells, {@code ""} for a quote inside quotes). A record
 * never spans lines: the features hold no line breaks.
 */
final class CsvLine {

    private CsvLine() {}

    static List<String> split(String text, int line) {
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
                throw new MalformedPayloadException(
                        line, "line " + line + ", column " + (i + 1) + ": text after a closing quote");
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new MalformedPayloadException(line, "line " + line + " has an unclosed quote");
        }
        cells.add(cell.toString());
        return cells;
    }
}
