package com.example.credit.batch.filter;

import com.example.credit.batch.FilterException;
import java.util.ArrayList;
import java.util.List;

/** A small recursive-descent parser of {@link JsonPath}'s grammar; errors name the position. */
final class JsonPathParser {

    private final String text;
    private int position;

    JsonPathParser(String text) {
        if (text == null) {
            throw new FilterException("a JSONPath filter is required; use $ for the whole record");
        }
        this.text = text.strip();
    }

    JsonPath parse() {
        expect('$');
        List<JsonPath.Segment> segments = new ArrayList<>();
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '.') {
                position++;
                segments.add(new JsonPath.Child(name()));
            } else if (c == '[') {
                position++;
                segments.add(bracket());
            } else {
                throw error("expected '.' or '['");
            }
        }
        return new JsonPath(text, segments);
    }

    private String name() {
        int start = position;
        while (position < text.length()
                && (Character.isLetterOrDigit(text.charAt(position)) || "_-".indexOf(text.charAt(position)) >= 0)) {
            position++;
        }
        if (start == position) {
            throw error("expected a key name");
        }
        return text.substring(start, position);
    }

    private JsonPath.Segment bracket() {
        skipBlanks();
        if (position < text.length() && (text.charAt(position) == '\'' || text.charAt(position) == '"')) {
            List<String> names = new ArrayList<>();
            do {
                skipBlanks();
                names.add(quoted());
                skipBlanks();
            } while (accept(','));
            expect(']');
            return names.size() == 1 ? new JsonPath.Child(names.get(0)) : new JsonPath.Children(names);
        }
        List<JsonPath.Selector> selectors = new ArrayList<>();
        do {
            skipBlanks();
            Integer start = optionalInteger();
            skipBlanks();
            if (accept(':')) {
                skipBlanks();
                Integer end = optionalInteger();
                selectors.add(new JsonPath.Range(start, end));
            } else if (start == null) {
                throw error("expected an index, a range or a quoted key");
            } else {
                selectors.add(new JsonPath.Index(start));
            }
            skipBlanks();
        } while (accept(','));
        expect(']');
        return new JsonPath.Elements(selectors);
    }

    private String quoted() {
        if (position >= text.length()) {
            throw error("expected a quoted key");
        }
        char quote = text.charAt(position);
        if (quote != '\'' && quote != '"') {
            throw error("expected a quoted key");
        }
        int end = text.indexOf(quote, position + 1);
        if (end < 0) {
            throw error("the quoted key is not closed");
        }
        String name = text.substring(position + 1, end);
        position = end + 1;
        return name;
    }

    private Integer optionalInteger() {
        int start = position;
        if (position < text.length() && text.charAt(position) == '-') {
            position++;
        }
        while (position < text.length() && Character.isDigit(text.charAt(position))) {
            position++;
        }
        if (start == position) {
            return null;
        }
        String digits = text.substring(start, position);
        if (digits.equals("-") || digits.length() > 9) {
            position = start;
            throw error("expected an index of at most 9 digits");
        }
        return Integer.valueOf(digits);
    }

    private void skipBlanks() {
        while (position < text.length() && text.charAt(position) == ' ') {
            position++;
        }
    }

    private boolean accept(char c) {
        if (position < text.length() && text.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private FilterException error(String what) {
        return new FilterException("JSONPath '" + text + "' at position " + position + ": " + what
                + " (supported: $, $.a.b, $['a','b'], $[1,3], $[0:5], $[1:])");
    }
}
