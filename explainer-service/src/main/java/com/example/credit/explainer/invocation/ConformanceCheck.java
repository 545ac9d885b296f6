package com.example.credit.explainer.invocation;

import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fast, conservative test that an application conforms to the data schema, so that the full JSON Schema validator
 * (and its messages) is only run on records that may not: {@link #certainlyValid} answers {@code true} only when the
 * record certainly passes the schema, and {@code false} whenever it is unsure. It understands a closed set of
 * keywords — an object with {@code properties}, {@code required} and {@code additionalProperties: false}; per property
 * {@code type} integer or string, {@code enum} of integers or strings, integral {@code minimum} and {@code maximum},
 * {@code minLength} and {@code maxLength}; annotations ({@code title}, {@code description}, {@code $schema},
 * {@code $id}, {@code x-...}) — and a schema with any other keyword gets no fast path at all ({@link #of} is empty).
 * Integers are only accepted as JSON integers (never as {@code 24.0}), strings only without surrogate pairs, so the
 * cases where validators differ always go to the full validator. Immutable and thread-safe.
 */
final class ConformanceCheck {

    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "$schema", "$id", "$comment");

    /** The constraints of one property. */
    private record Property(
            boolean integer,
            Set<Long> integerEnum,
            Set<String> stringEnum,
            Long minimum,
            Long maximum,
            Integer minLength,
            Integer maxLength) {}

    private final Map<String, Property> properties;
    private final Set<String> required;

    private ConformanceCheck(Map<String, Property> properties, Set<String> required) {
        this.properties = Map.copyOf(properties);
        this.required = Set.copyOf(required);
    }

    /** The fast check of a data schema, or empty when the schema uses anything it does not understand. */
    static Optional<ConformanceCheck> of(String dataSchemaJson) {
        JsonNode schema = JsonMapper.shared().readTree(dataSchemaJson);
        Map<String, Property> properties = new HashMap<>();
        Set<String> required = new HashSet<>();
        boolean closed = false;
        for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
            String name = keyword.getKey();
            JsonNode value = keyword.getValue();
            switch (name) {
                case "type" -> {
                    if (!value.isString() || !value.asString().equals("object")) {
                        return Optional.empty();
                    }
                }
                case "additionalProperties" -> {
                    if (!value.isBoolean() || value.asBoolean()) {
                        return Optional.empty();
                    }
                    closed = true;
                }
                case "required" -> {
                    for (JsonNode field : value) {
                        if (!field.isString()) {
                            return Optional.empty();
                        }
                        required.add(field.asString());
                    }
                }
                case "properties" -> {
                    for (Map.Entry<String, JsonNode> property : value.properties()) {
                        Optional<Property> parsed = property(property.getValue());
                        if (parsed.isEmpty()) {
                            return Optional.empty();
                        }
                        properties.put(property.getKey(), parsed.get());
                    }
                }
                default -> {
                    if (!isAnnotation(name)) {
                        return Optional.empty();
                    }
                }
            }
        }
        if (!closed || !properties.keySet().containsAll(required)) {
            return Optional.empty();
        }
        return Optional.of(new ConformanceCheck(properties, required));
    }

    private static boolean isAnnotation(String keyword) {
        return ANNOTATIONS.contains(keyword) || keyword.startsWith("x-");
    }

    private static Optional<Property> property(JsonNode schema) {
        if (!schema.isObject()) {
            return Optional.empty();
        }
        String type = null;
        Set<Long> integerEnum = null;
        Set<String> stringEnum = null;
        Long minimum = null;
        Long maximum = null;
        Integer minLength = null;
        Integer maxLength = null;
        for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
            JsonNode value = keyword.getValue();
            switch (keyword.getKey()) {
                case "type" -> {
                    if (!value.isString() || !List.of("integer", "string").contains(value.asString())) {
                        return Optional.empty();
                    }
                    type = value.asString();
                }
                case "enum" -> {
                    if (!value.isArray() || value.isEmpty()) {
                        return Optional.empty();
                    }
                    if (value.get(0).isIntegralNumber()) {
                        integerEnum = new HashSet<>();
                        for (JsonNode item : value) {
                            if (!item.isIntegralNumber() || !item.canConvertToLong()) {
                                return Optional.empty();
                            }
                            integerEnum.add(item.asLong());
                        }
                    } else {
                        stringEnum = new HashSet<>();
                        for (JsonNode item : value) {
                            if (!item.isString()) {
                                return Optional.empty();
                            }
                            stringEnum.add(item.asString());
                        }
                    }
                }
                case "minimum", "maximum" -> {
                    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                        return Optional.empty();
                    }
                    if (keyword.getKey().equals("minimum")) {
                        minimum = value.asLong();
                    } else {
                        maximum = value.asLong();
                    }
                }
                case "minLength", "maxLength" -> {
                    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
                        return Optional.empty();
                    }
                    if (keyword.getKey().equals("minLength")) {
                        minLength = value.asInt();
                    } else {
                        maxLength = value.asInt();
                    }
                }
                default -> {
                    if (!isAnnotation(keyword.getKey())) {
                        return Optional.empty();
                    }
                }
            }
        }
        if (type == null) {
            return Optional.empty();
        }
        boolean integer = type.equals("integer");
        boolean consistent = integer
                ? stringEnum == null && minLength == null && maxLength == null
                : integerEnum == null && minimum == null && maximum == null;
        return consistent
                ? Optional.of(new Property(integer, integerEnum, stringEnum, minimum, maximum, minLength, maxLength))
                : Optional.empty();
    }

    /**
     * Whether the application certainly conforms to the schema; {@code false} means "run the full validator", not
     * "invalid".
     */
    boolean certainlyValid(JsonNode application) {
        if (!application.isObject()) {
            return false;
        }
        int requiredSeen = 0;
        for (Map.Entry<String, JsonNode> field : application.properties()) {
            Property property = properties.get(field.getKey());
            if (property == null || !conforms(property, field.getValue())) {
                return false;
            }
            if (required.contains(field.getKey())) {
                requiredSeen++;
            }
        }
        return requiredSeen == required.size();
    }

    private static boolean conforms(Property property, JsonNode value) {
        if (property.integer()) {
            return value.isIntegralNumber() && value.canConvertToLong() && conformsInteger(property, value.asLong());
        }
        return value.isString() && conformsString(property, value.asString());
    }

    private static boolean conformsInteger(Property property, long number) {
        return (property.integerEnum() == null || property.integerEnum().contains(number))
                && (property.minimum() == null || number >= property.minimum())
                && (property.maximum() == null || number <= property.maximum());
    }

    private static boolean conformsString(Property property, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return false;
            }
        }
        return (property.stringEnum() == null || property.stringEnum().contains(text))
                && (property.minLength() == null || text.length() >= property.minLength())
                && (property.maxLength() == null || text.length() <= property.maxLength());
    }

    /**
     * The streamed form of this check for a catalog's applications (a JSON Lines line read token by token into the
     * row the encoder would make, no tree), or empty when a property's type does not match its feature's (an
     * integer property of a categorical feature, a string property of a numerical one), which the encoder rejects.
     */
    Optional<StreamedRead> streamed(FeatureCatalog catalog) {
        Map<String, Slot> slots = new HashMap<>();
        for (Map.Entry<String, Property> entry : properties.entrySet()) {
            String name = entry.getKey();
            Property property = entry.getValue();
            Optional<Feature> feature = catalog.features().stream()
                    .filter(f -> f.name().equals(name))
                    .findFirst();
            Map<String, Integer> codes = null;
            if (feature.isPresent()) {
                if (feature.get().isCategorical() == property.integer()) {
                    return Optional.empty();
                }
                if (feature.get().isCategorical()) {
                    codes = new HashMap<>();
                    List<String> categories = feature.get().categories();
                    for (int c = 0; c < categories.size(); c++) {
                        // The first position, as the encoder's indexOf finds it.
                        codes.putIfAbsent(categories.get(c), c);
                    }
                }
            }
            int index = feature.map(Feature::index).orElse(-1);
            slots.put(name, new Slot(slots.size(), index, property, codes, required.contains(name)));
        }
        return Optional.of(new StreamedRead(slots, required.size(), catalog.size()));
    }

    /**
     * A schema property as the streamed read meets it: its position among the properties (to see a repeated
     * name), its feature's index in the row (-1 for a property that is not a feature), its constraints, the codes
     * of a categorical feature's categories, and whether it is required.
     */
    private record Slot(int position, int index, Property property, Map<String, Integer> codes, boolean required) {}

    /**
     * Reads an application from a parser's tokens straight into its encoded row when it certainly conforms: by the
     * same rules as {@link #certainlyValid}, and a repeated name, a token the check does not accept (a number
     * written with a fraction, {@code null}, a nested value) or anything after a line's object answers "unsure". The
     * row then holds what {@code FeatureEncoder.encode} makes of the tree: the integer as a double, a category's
     * position, NaN for a feature not given. Immutable and thread-safe.
     */
    static final class StreamedRead {

        private final Map<String, Slot> slots;
        // The slot of each feature by its index (null for a feature the schema has no property for).
        private final Slot[] byFeature;
        private final int required;
        private final int features;

        private StreamedRead(Map<String, Slot> slots, int required, int features) {
            this.slots = Map.copyOf(slots);
            this.byFeature = new Slot[features];
            for (Slot slot : slots.values()) {
                if (slot.index() >= 0) {
                    byFeature[slot.index()] = slot;
                }
            }
            this.required = required;
            this.features = features;
        }

        /**
         * The encoded row of a CSV record's cells (one a feature, in the catalog's order) when the record
         * {@code RecordParser} makes of them certainly conforms, else {@code null}: a blank cell is a feature not
         * given; a numerical feature's cell must be what that parser reads as an integer ({@code [+-]?} and 1 to 18
         * ASCII digits, blanks around it stripped), a categorical feature's one of its categories.
         */
        double[] readCells(List<String> cells) {
            double[] row = new double[features];
            Arrays.fill(row, Double.NaN);
            int requiredSeen = 0;
            for (int f = 0; f < features; f++) {
                String value = cells.get(f).strip();
                if (value.isEmpty()) {
                    continue;
                }
                Slot slot = byFeature[f];
                if (slot == null) {
                    return null;
                }
                if (slot.property().integer()) {
                    if (!isInteger(value)) {
                        return null;
                    }
                    long number = Long.parseLong(value);
                    if (!conformsInteger(slot.property(), number)) {
                        return null;
                    }
                    row[f] = number;
                } else {
                    Integer code = slot.codes().get(value);
                    if (code == null || !conformsString(slot.property(), value)) {
                        return null;
                    }
                    row[f] = code;
                }
                if (slot.required()) {
                    requiredSeen++;
                }
            }
            return requiredSeen == required ? row : null;
        }

        /** Whether a cell matches {@code [+-]?\d{1,18}} (ASCII digits, as {@code \d} is without flags). */
        private static boolean isInteger(String text) {
            int start = text.charAt(0) == '+' || text.charAt(0) == '-' ? 1 : 0;
            int digits = text.length() - start;
            if (digits < 1 || digits > 18) {
                return false;
            }
            for (int i = start; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            return true;
        }

        /**
         * The encoded row of the one application object the parser holds (a JSON Lines line: nothing may follow it),
         * or {@code null} when it is not certainly valid ("read it the usual way", not "invalid").
         *
         * @throws JacksonException when the text is not well-formed JSON (the usual way reports it)
         */
        double[] read(JsonParser parser) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            double[] row = readObject(parser);
            return row == null || parser.nextToken() != null ? null : row;
        }

        /**
         * The encoded row of the application object whose start the parser is at (its current token), read through
         * its end, or {@code null} when it is not certainly valid; the parser is then somewhere inside the object.
         *
         * @throws JacksonException when the text is not well-formed JSON (the usual way reports it)
         */
        double[] readObject(JsonParser parser) {
            double[] row = new double[features];
            Arrays.fill(row, Double.NaN);
            boolean[] seen = new boolean[slots.size()];
            int requiredSeen = 0;
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                Slot slot = slots.get(name);
                if (slot == null || seen[slot.position()]) {
                    return null;
                }
                seen[slot.position()] = true;
                JsonToken token = parser.nextToken();
                double value;
                if (slot.property().integer()) {
                    if (token != JsonToken.VALUE_NUMBER_INT
                            || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        return null;
                    }
                    long number = parser.getLongValue();
                    if (!conformsInteger(slot.property(), number)) {
                        return null;
                    }
                    value = number;
                } else {
                    if (token != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    String text = parser.getString();
                    Integer code = slot.codes() == null ? null : slot.codes().get(text);
                    if (!conformsString(slot.property(), text) || (slot.index() >= 0 && code == null)) {
                        return null;
                    }
                    value = code == null ? Double.NaN : code;
                }
                if (slot.index() >= 0) {
                    row[slot.index()] = value;
                }
                if (slot.required()) {
                    requiredSeen++;
                }
            }
            return parser.currentToken() == JsonToken.END_OBJECT && requiredSeen == required ? row : null;
        }
    }
}
