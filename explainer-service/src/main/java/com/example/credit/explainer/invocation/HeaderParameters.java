package com.example.credit.explainer.invocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A lenient reader for {@code a/b; key=value; key2="value"} headers. Spring's media-type parser rejects the
 * unquoted commas of SageMaker's {@code entities=a,b,c} convention, so the service parses these itself.
 */
final class HeaderParameters {

    private HeaderParameters() {}

    /** Splits on semicolons outside double quotes. */
    static List<String> split(String header) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                parts.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().strip());
        return parts;
    }

    /** The {@code key=value} pairs among the parts (keys lower-cased, quotes removed); other parts are ignored. */
    static Map<String, String> pairs(List<String> parts) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String part : parts) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                String key = part.substring(0, equals).strip().toLowerCase(Locale.ROOT);
                String value = part.substring(equals + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                pairs.putIfAbsent(key, value);
            }
        }
        return pairs;
    }
}
