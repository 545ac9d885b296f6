package com.example.credit.datagen.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reads the raw datasets back the way a consumer would: RFC 4180 CSV with a header, and JSON Lines. */
public final class RawRows {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private RawRows() {}

    /** The rows of a CSV text keyed by the header's column names, in file order. */
    public static List<Map<String, String>> csv(String text) {
        List<String> lines = text.lines().toList();
        List<String> header = fields(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> values = fields(line);
            if (values.size() != header.size()) {
                throw new AssertionError("expected " + header.size() + " fields, got " + values.size() + ": " + line);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), values.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The header line's column names. */
    public static List<String> header(String text) {
        return fields(text.lines().findFirst().orElseThrow());
    }

    /** One JSON node per line. */
    public static List<JsonNode> jsonLines(String text) {
        return text.lines().map(JSON::readTree).toList();
    }

    /**
     * A CSV row as a JSON object with typed cells: whole numbers as integers, true/false as booleans, anything
     * else as a string, so that a JSON Schema can check the types a reader would infer.
     */
    public static ObjectNode typed(Map<String, String> row) {
        ObjectNode node = JSON.createObjectNode();
        row.forEach((name, value) -> {
            if (value.matches("-?\\d{1,9}")) {
                node.put(name, Integer.parseInt(value));
            } else if (value.equals("true") || value.equals("false")) {
                node.put(name, Boolean.parseBoolean(value));
            } else {
                node.put(name, value);
            }
        });
        return node;
    }

    /** A CSV row as a JSON object of strings. */
    public static ObjectNode strings(Map<String, String> row) {
        ObjectNode node = JSON.createObjectNode();
        row.forEach(node::put);
        return node;
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
