package com.example.credit.explainer.invocation;

import com.example.credit.core.format.CsvFormatException;
import com.example.credit.core.format.CsvRow;
import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the records of a request body in any supported format into JSON objects keyed by feature name, so that
 * one schema validation serves all formats. Syntax errors name the line; schema rules are checked later.
 * Thread-safe.
 */
public final class RecordParser {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    // Plain decimal notation only: Java would also accept "NaN", "Infinity" and hex floats.
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,3})?");

    private final FeatureCatalog catalog;
    private final JsonMapper mapper;
    // The streamed read of records that certainly conform (null: every record is read into a tree), and
    // the mapper whose parsers it reads (the caller's as given: the read itself sends a repeated name to the tree).
    private final ConformanceCheck.StreamedRead streamed;
    private final JsonMapper streamMapper;

    /** A parser that reads every record into a JSON object. */
    public RecordParser(FeatureCatalog catalog, JsonMapper mapper) {
        this(catalog, mapper, null);
    }

    /**
     * A parser that reads a JSON Lines or CSV record which certainly conforms to the schema straight into its encoded
     * row, and a JSON body's records so when all of them certainly conform ({@code streamed}; {@code null} for none),
     * and any other record into a JSON object, so that every message about a record comes from the same path as
     * without it.
     */
    RecordParser(FeatureCatalog catalog, JsonMapper mapper, ConformanceCheck.StreamedRead streamed) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.streamed = streamed;
        this.streamMapper = mapper;
        // A repeated key would otherwise silently keep its last value: an application must say things once.
        this.mapper = mapper.rebuild()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /**
     * Reads a body.
     *
     * @throws MalformedPayloadException naming the line when the body does not follow its format
     */
    public ParsedPayload parse(byte[] body, RequestFormat format) {
        boolean ascii = isAscii(body);
        String text = ascii ? new String(body, StandardCharsets.ISO_8859_1) : decode(body);
        if (text.isBlank()) {
            throw new MalformedPayloadException(0, "the request body is empty; send at least one application");
        }
        return switch (format) {
            case JSON -> parseJson(ascii ? body : null, text);
            case JSON_LINES -> new ParsedPayload(parseJsonLines(text), false);
            case CSV -> new ParsedPayload(parseCsv(text), false);
        };
    }

    /** A JSON body; {@code ascii} is its bytes when they are all ASCII (the text's characters), else null. */
    private ParsedPayload parseJson(byte[] ascii, String text) {
        ParsedPayload streamedPayload = streamed == null ? null : readStreamedJson(ascii, text);
        if (streamedPayload != null) {
            return streamedPayload;
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JacksonException e) {
            throw malformedJson(e, 0);
        }
        if (root.isObject()) {
            return new ParsedPayload(List.of(new ParsedRecord(1, 0, (ObjectNode) root)), true);
        }
        if (!root.isArray()) {
            throw new MalformedPayloadException(
                    1, "the JSON body must be an application object or an array of them, not " + root.getNodeType());
        }
        List<ParsedRecord> records = new ArrayList<>();
        for (JsonNode element : root.values()) {
            int number = records.size() + 1;
            if (!element.isObject()) {
                throw new MalformedPayloadException(
                        0, "record " + number + " must be an application object, not " + element.getNodeType());
            }
            records.add(new ParsedRecord(number, 0, (ObjectNode) element));
        }
        return new ParsedPayload(records, false);
    }

    private List<ParsedRecord> parseJsonLines(String text) {
        List<ParsedRecord> records = new ArrayList<>();
        String[] lines = lines(text);
        for (int i = 0; i < lines.length; i++) {
            int line = i + 1;
            if (lines[i].isBlank()) {
                continue;
            }
            double[] encoded = streamed == null ? null : readStreamed(lines[i]);
            if (encoded != null) {
                String source = lines[i];
                records.add(ParsedRecord.streamed(
                        records.size() + 1, line, encoded, () -> (ObjectNode) mapper.readTree(source)));
                continue;
            }
            JsonNode node;
            try {
                node = mapper.readTree(lines[i]);
            } catch (JacksonException e) {
                throw malformedJson(e, line);
            }
            if (!node.isObject()) {
                throw new MalformedPayloadException(
                        line, "line " + line + " must hold one application object, not " + node.getNodeType());
            }
            records.add(new ParsedRecord(records.size() + 1, line, (ObjectNode) node));
        }
        return records;
    }

    /**
     * The records of a JSON body (one object, or an array of objects) read straight into their encoded rows when
     * every one of them certainly conforms, else {@code null}: the whole body is then read into a tree, which reports
     * whatever is wrong as before. A record's JSON object, if asked for, comes from one tree of the body read then.
     */
    private ParsedPayload readStreamedJson(byte[] ascii, String text) {
        Supplier<JsonNode> root = new TreeOnce(mapper, text);
        // An ASCII body is read from its bytes by Jackson's byte parser, without a copy into characters; any other
        // from the decoded text, as the tree is.
        try (JsonParser tokens = ascii != null ? streamMapper.createParser(ascii) : streamMapper.createParser(text)) {
            JsonToken first = tokens.nextToken();
            if (first == JsonToken.START_OBJECT) {
                double[] row = streamed.readObject(tokens);
                if (row == null || tokens.nextToken() != null) {
                    return null;
                }
                return new ParsedPayload(
                        List.of(ParsedRecord.streamed(1, 0, row, () -> (ObjectNode) root.get())), true);
            }
            if (first != JsonToken.START_ARRAY) {
                return null;
            }
            List<ParsedRecord> records = new ArrayList<>();
            for (JsonToken token = tokens.nextToken(); token != JsonToken.END_ARRAY; token = tokens.nextToken()) {
                double[] row = token == JsonToken.START_OBJECT ? streamed.readObject(tokens) : null;
                if (row == null) {
                    return null;
                }
                int index = records.size();
                records.add(ParsedRecord.streamed(
                        index + 1, 0, row, () -> (ObjectNode) root.get().get(index)));
            }
            // An empty array goes the usual way too, which says that the request holds no records.
            return records.isEmpty() || tokens.nextToken() != null ? null : new ParsedPayload(records, false);
        } catch (JacksonException e) {
            return null; // malformed: reading it into a tree reports it
        }
    }

    /** A body's tree, read when first asked for and then kept (a request's records belong to its thread). */
    private static final class TreeOnce implements Supplier<JsonNode> {

        private final JsonMapper mapper;
        private final String text;
        private JsonNode tree;

        TreeOnce(JsonMapper mapper, String text) {
            this.mapper = mapper;
            this.text = text;
        }

        @Override
        public JsonNode get() {
            if (tree == null) {
                tree = mapper.readTree(text);
            }
            return tree;
        }
    }

    /** The encoded row of a line that certainly conforms, else {@code null} (read it into a tree). */
    private double[] readStreamed(String text) {
        try (JsonParser tokens = streamMapper.createParser(text)) {
            return streamed.read(tokens);
        } catch (JacksonException e) {
            return null; // malformed: reading it into a tree reports it
        }
    }

    private static List<String> csvCells(String text, int line) {
        try {
            return CsvRow.split(text);
        } catch (CsvFormatException e) {
            String where =
                    e.column() > 0 ? "line " + line + ", column " + e.column() + ": " : "line " + line + " has an ";
            throw new MalformedPayloadException(line, where + e.getMessage());
        }
    }

    private List<ParsedRecord> parseCsv(String text) {
        List<ParsedRecord> records = new ArrayList<>();
        List<Feature> features = catalog.features();
        String[] lines = lines(text);
        boolean first = true;
        for (int i = 0; i < lines.length; i++) {
            int line = i + 1;
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> cells = csvCells(lines[i], line);
            if (first && cells.equals(catalog.names())) {
                // A header of exactly the feature names, as exports often carry; skipping it is unambiguous.
                first = false;
                continue;
            }
            first = false;
            if (cells.size() != features.size()) {
                throw new MalformedPayloadException(
                        line,
                        "line " + line + " has " + cells.size() + " values, a record has " + features.size()
                                + " (the features in schema order: " + String.join(",", catalog.names()) + ")");
            }
            double[] encoded = streamed == null ? null : streamed.readCells(cells);
            if (encoded != null) {
                records.add(ParsedRecord.streamed(records.size() + 1, line, encoded, () -> csvRecord(cells)));
                continue;
            }
            records.add(new ParsedRecord(records.size() + 1, line, csvRecord(cells)));
        }
        return records;
    }

    /** A CSV record's cells as a JSON object keyed by feature name, each cell typed by {@link #putCell}. */
    private ObjectNode csvRecord(List<String> cells) {
        ObjectNode record = mapper.createObjectNode();
        for (Feature feature : catalog.features()) {
            putCell(record, feature, cells.get(feature.index()));
        }
        return record;
    }

    /**
     * Types a CSV cell by the schema: a numeric feature's cell becomes a number when it is one and stays text
     * otherwise (so that validation reports a type error naming the field); an empty cell is a missing value.
     */
    private static void putCell(ObjectNode record, Feature feature, String cell) {
        String value = cell.strip();
        if (value.isEmpty()) {
            return;
        }
        if (feature.isCategorical()) {
            record.put(feature.name(), value);
        } else if (INTEGER.matcher(value).matches()) {
            record.put(feature.name(), Long.parseLong(value));
        } else if (DECIMAL.matcher(value).matches()) {
            record.put(feature.name(), Double.parseDouble(value));
        } else {
            record.put(feature.name(), value);
        }
    }

    /**
     * The lines of a body, as {@code text.split("\\r?\\n", -1)} gives them (a lone {@code \\r} stays in its line,
     * the text after the last line break is a last, possibly empty, line), without the regular expression.
     */
    static String[] lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
            int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
            lines.add(text.substring(start, end));
            start = i + 1;
        }
        lines.add(text.substring(start));
        return lines.toArray(new String[0]);
    }

    private static MalformedPayloadException malformedJson(JacksonException e, int line) {
        TokenStreamLocation location = e.getLocation();
        int reportedLine = line > 0 ? line : location == null ? 0 : location.getLineNr();
        String where = line > 0
                ? "line " + line + (location == null ? "" : ", column " + location.getColumnNr())
                : location == null ? "the body" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
        return new MalformedPayloadException(
                Math.max(reportedLine, 0), "malformed JSON at " + where + ": " + e.getOriginalMessage(), e);
    }

    private static String decode(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPayloadException(0, "the request body is not valid UTF-8 text", e);
        }
    }

    /**
     * Whether every byte is ASCII other than NUL: such a body is UTF-8 text of one character a byte (most bodies),
     * and Jackson's byte parser reads it as UTF-8 (a NUL would make it guess UTF-16 or UTF-32 and read a body the
     * text parser refuses).
     */
    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b <= 0) {
                return false;
            }
        }
        return true;
    }
}
