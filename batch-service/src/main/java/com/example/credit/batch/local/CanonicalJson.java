package com.example.credit.batch.local;

import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON text as the mapper writes the tree it reads from that text ({@code writeValueAsString(readTree(text))}),
 * computed token by token with Jackson's parser and generator, without building the tree. It gives up (returns
 * {@code null}) wherever the tree would not be a plain copy of the tokens: duplicate keys (the tree keeps the last
 * value at the first place), a key the caller will set itself, text that is not exactly one value, anything
 * unreadable. The caller then takes the tree path, which decides as before (same outputs, same error messages).
 * A text already in that form ({@link CanonicalText}: the explainer's answers, most input lines) is its own copy.
 * Thread-safe.
 */
final class CanonicalJson {

    private final JsonMapper mapper;
    private final ObjectReader reader;
    private final CanonicalText already;

    CanonicalJson(JsonMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.reader = mapper.reader();
        this.already = new CanonicalText(mapper);
    }

    /**
     * The canonical text of a JSON object, or {@code null} when the text is not exactly one object free of duplicate
     * keys and without the top-level key {@code reserved}.
     */
    String object(String text, String reserved) {
        if (already.isCanonicalObject(text, reserved)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        try (JsonParser parser = reader.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            try (JsonGenerator generator = mapper.createGenerator(new Appender(out))) {
                if (!copy(parser, generator, reserved)) {
                    return null;
                }
            }
            return parser.nextToken() == null ? out.toString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * Where the line that starts at {@code bytes[from]} ends when it is, read as UTF-8, one JSON value already in
     * canonical form (its text, ASCII, is then its own canonical text), else -1: {@link CanonicalText#canonicalLineEnd}.
     */
    int canonicalLineEnd(byte[] bytes, int from) {
        return already.canonicalLineEnd(bytes, from);
    }

    /** The canonical text of any one JSON value, or {@code null} as for {@link #object}. */
    String value(String text) {
        return already.isCanonicalValue(text) ? text : copiedValue(text);
    }

    /**
     * {@link #value} without asking first whether the text is already canonical: for a text known not to be (a line
     * {@link #canonicalLineEnd} refused).
     */
    String copiedValue(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        try (JsonParser parser = reader.createParser(text)) {
            if (parser.nextToken() == null) {
                return null;
            }
            try (JsonGenerator generator = mapper.createGenerator(new Appender(out))) {
                if (!copy(parser, generator, null)) {
                    return null;
                }
            }
            return parser.nextToken() == null ? out.toString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * The canonical texts of the elements of a JSON array, or of the one value when the text is not an array;
     * {@code null} as for {@link #object}.
     */
    List<String> elements(String text) {
        try (JsonParser parser = reader.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            List<String> values = new ArrayList<>();
            if (first != JsonToken.START_ARRAY) {
                StringBuilder out = new StringBuilder(text.length() + 16);
                try (JsonGenerator generator = mapper.createGenerator(new Appender(out))) {
                    if (!copy(parser, generator, null)) {
                        return null;
                    }
                }
                values.add(out.toString());
            } else {
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    if (token == null) {
                        return null;
                    }
                    StringBuilder out = new StringBuilder(256);
                    try (JsonGenerator generator = mapper.createGenerator(new Appender(out))) {
                        if (!copy(parser, generator, null)) {
                            return null;
                        }
                    }
                    values.add(out.toString());
                }
            }
            return parser.nextToken() == null ? values : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Whether the text is exactly one JSON value, as {@code readTree} accepts it (duplicate keys allowed). */
    boolean isOneValue(String text) {
        try (JsonParser parser = reader.createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (JacksonException e) {
            return false;
        }
    }

    /**
     * Copies the value at the parser's current token as the tree would write it: ints by their size, floats as
     * doubles (the tree's DoubleNode), strings, booleans and nulls as they are.
     */
    private static boolean copy(JsonParser parser, JsonGenerator generator, String reserved) {
        int depth = 0;
        Deque<Names> objects = new ArrayDeque<>();
        JsonToken token = parser.currentToken();
        while (true) {
            switch (token) {
                case START_OBJECT -> {
                    generator.writeStartObject();
                    objects.push(new Names());
                    depth++;
                }
                case END_OBJECT -> {
                    generator.writeEndObject();
                    objects.pop();
                    depth--;
                }
                case START_ARRAY -> {
                    generator.writeStartArray();
                    depth++;
                }
                case END_ARRAY -> {
                    generator.writeEndArray();
                    depth--;
                }
                case PROPERTY_NAME -> {
                    String name = parser.currentName();
                    if (depth == 1 && name.equals(reserved) || !objects.peek().add(name)) {
                        return false;
                    }
                    generator.writeName(name);
                }
                case VALUE_STRING -> generator.writeString(parser.getString());
                case VALUE_NUMBER_INT -> {
                    switch (parser.getNumberType()) {
                        case INT -> generator.writeNumber(parser.getIntValue());
                        case LONG -> generator.writeNumber(parser.getLongValue());
                        default -> generator.writeNumber(parser.getBigIntegerValue());
                    }
                }
                case VALUE_NUMBER_FLOAT -> generator.writeNumber(parser.getDoubleValue());
                case VALUE_TRUE -> generator.writeBoolean(true);
                case VALUE_FALSE -> generator.writeBoolean(false);
                case VALUE_NULL -> generator.writeNull();
                default -> {
                    return false;
                }
            }
            if (depth == 0) {
                return true;
            }
            token = parser.nextToken();
            if (token == null) {
                return false;
            }
        }
    }

    /**
     * The keys of one object so far, to find a duplicate: a short list compared by reference first (the parser
     * canonicalises names), a hash set once the object has many keys.
     */
    private static final class Names {
        private static final int LIST_LIMIT = 32;
        private final String[] list = new String[LIST_LIMIT];
        private int size;
        private Set<String> set;

        /** Adds a key; {@code false} when the object has it already. */
        boolean add(String name) {
            if (set != null) {
                return set.add(name);
            }
            for (int i = 0; i < size; i++) {
                String seen = list[i];
                if (seen == name || seen.equals(name)) {
                    return false;
                }
            }
            if (size < LIST_LIMIT) {
                list[size++] = name;
                return true;
            }
            set = new HashSet<>(List.of(list));
            return set.add(name);
        }
    }

    /** A writer into a StringBuilder, without StringWriter's locking. */
    private static final class Appender extends Writer {
        private final StringBuilder out;

        Appender(StringBuilder out) {
            this.out = out;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            out.append(chars, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) {
            out.append(text, offset, offset + length);
        }

        @Override
        public void write(int c) {
            out.append((char) c);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
