package com.example.credit.batch.runs;

import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.Named;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One batch output line as the index step uses it, read in one pass with Jackson's streaming parser instead of a
 * {@code JsonNode} tree: exactly the fields {@link RunIndexWriter}'s tree path reads, with the same values.
 *
 * <p>It reads only what it is certain of. Fields may come in any order (the input's features before or after
 * {@code SageMakerOutput}, the shap values before or after the method), so it keeps what each object holds and
 * decides at the end which object is the output and which the input, as the tree path does. Anything else — a
 * structure or type the tree path would treat in its own way (numbers as strings, a null where an object belongs, a
 * repeated key the tree would resolve by keeping the last, a line that is not one JSON object, a missing SHAP value,
 * interaction values that are not one matrix of the schema's features) — makes {@link #read} answer false, and the
 * writer reads that line with the tree, which gives today's result or today's error message.
 *
 * <p>Every token the tree path would decode is decoded here the same way (strings in full, numbers by the same
 * parser with the mapper's own settings: an int, long or double as the tree's number nodes hold it), so a line the
 * tree refuses as not JSON is never read here as a good one. One reader serves one index step, line after line.
 */
final class LineReader {

    /** A key of the line's own object, of {@code SageMakerOutput} or of {@code data}: what the tree path reads. */
    private static final int OUTPUT = 1;

    private static final int DATA = 2;
    private static final int ERROR = 3;
    private static final int PREDICTION = 4;
    private static final int EXPLANATION = 5;
    private static final int REASONS = 6;
    private static final int INTERACTIONS = 7;

    private static final List<String> OUTPUT_KEYS = List.of(
            "SageMakerOutput",
            "data",
            "error",
            "prediction",
            "explanation_shap_values",
            "reasons",
            RunIndexWriter.INTERACTIONS_FIELD);

    private final JsonMapper mapper;
    private final FeatureCatalog catalog;
    private final List<Feature> features;
    private final int n;

    /** Output keys by name (their role), and the input keys: features (their index), row_id and the group variable. */
    private final Map<String, Integer> outputKeys = new HashMap<>();

    private final Map<String, InputKey> inputKeys = new HashMap<>();

    /**
     * Every key above, matched by the parser on the name's bytes ({@link JsonParser#nextNameMatch}: no string made
     * or looked up); the match is an index into {@link #roles} (an output key's role, 0 for an input key) and
     * {@link #keys} (an input key, null for an output key).
     */
    private final PropertyNameMatcher matcher;

    private final int[] roles;
    private final InputKey[] keys;

    /** Where the catalogue's names or the group variable are also keys of the output: this reader stays out of it. */
    private final boolean usable;

    // The line's own object read as the output (it is, without SageMakerOutput) and as the input (with one);
    // SageMakerOutput; data. Which of them count is known at the end of the line.
    private final Output top = new Output();
    private final Output sageMaker = new Output();
    private final Input topInput = new Input();
    private final Input data = new Input();
    private boolean hasSageMaker;

    // What read() found, when it answered true.
    private Output out;
    private Input in;

    /**
     * @param groupVariable the fairness analysis's group variable (a field of the input record), or empty
     */
    LineReader(JsonMapper mapper, FeatureCatalog catalog, Optional<String> groupVariable) {
        this.mapper = mapper;
        this.catalog = catalog;
        this.features = catalog.features();
        this.n = features.size();
        for (int i = 0; i < OUTPUT_KEYS.size(); i++) {
            outputKeys.put(OUTPUT_KEYS.get(i), i + 1);
        }
        boolean clash = false;
        for (Feature feature : features) {
            inputKeys.computeIfAbsent(feature.name(), name -> new InputKey()).feature = feature.index();
            clash |= outputKeys.containsKey(feature.name()) || feature.name().equals(FeatureCatalog.ROW_ID);
        }
        inputKeys.computeIfAbsent(FeatureCatalog.ROW_ID, name -> new InputKey()).rowId = true;
        if (groupVariable.isPresent()) {
            String name = groupVariable.get();
            inputKeys.computeIfAbsent(name, key -> new InputKey()).group = true;
            clash |= outputKeys.containsKey(name) || name.equals(FeatureCatalog.ROW_ID);
        }
        usable = !clash && n <= 64;
        List<String> names = new ArrayList<>(outputKeys.keySet());
        names.addAll(inputKeys.keySet());
        roles = new int[names.size()];
        keys = new InputKey[names.size()];
        for (int i = 0; i < names.size(); i++) {
            roles[i] = outputKeys.getOrDefault(names.get(i), 0);
            keys[i] = inputKeys.get(names.get(i));
        }
        matcher = mapper.tokenStreamFactory()
                .constructNameMatcher(names.stream().map(Named::fromString).toList(), false);
        for (Output output : List.of(top, sageMaker)) {
            output.shap = new double[n];
            output.interactions = new double[n * n];
            output.interactionIndex = new int[n];
        }
        for (Input input : List.of(topInput, data)) {
            input.raw = new double[n];
        }
    }

    /** What an input key is: a feature (its index, or -1), the row id, the group variable (any of them at once). */
    private static final class InputKey {
        int feature = -1;
        boolean rowId;
        boolean group;
    }

    /** What the tree path reads of the output object. */
    private static final class Output {
        long keys;
        boolean error;
        boolean hasPrediction;
        double prediction;
        double[] shap;
        long shapSeen;
        boolean hasShapValues;
        String method;
        String referenceName;
        long reasons;
        boolean hasInteractions;
        double[] interactions;
        int[] interactionIndex;

        void reset() {
            keys = 0;
            error = false;
            hasPrediction = false;
            shapSeen = 0;
            hasShapValues = false;
            method = null;
            referenceName = null;
            reasons = 0;
            hasInteractions = false;
        }
    }

    /** What the tree path reads of the input record. */
    private static final class Input {
        long rawSeen;
        double[] raw;
        String rowId;
        boolean hasGroup;
        String group;

        void reset() {
            rawSeen = 0;
            rowId = null;
            hasGroup = false;
            group = null;
        }
    }

    /** The line could not be read with certainty: the tree path reads it. */
    private static final class Unsure extends Exception {
        private static final Unsure INSTANCE = new Unsure();

        private Unsure() {
            super(null, null, false, false);
        }
    }

    /**
     * Reads one line.
     *
     * @return true when the line was read with certainty (its fields are then the accessors' answers); false when
     *     the tree path must read it (nothing was changed but this reader's own fields)
     */
    boolean read(byte[] bytes, int from, int length) {
        if (!usable) {
            return false;
        }
        top.reset();
        sageMaker.reset();
        topInput.reset();
        data.reset();
        hasSageMaker = false;
        try (JsonParser parser = mapper.createParser(bytes, from, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            readTop(parser);
            // The tree refuses anything after the line's object (FAIL_ON_TRAILING_TOKENS): let it say so.
            if (parser.nextToken() != null) {
                return false;
            }
        } catch (Unsure | JacksonException e) {
            return false;
        }
        out = hasSageMaker ? sageMaker : top;
        in = hasSageMaker ? topInput : data;
        if (out.error) {
            return true;
        }
        // What the tree path refuses (no row_id, prediction or SHAP values, a SHAP value missing) it refuses itself.
        if (in.rowId == null
                || !out.hasPrediction
                || !out.hasShapValues
                || out.shapSeen != (n == 64 ? -1L : (1L << n) - 1)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if ((in.rawSeen & (1L << i)) == 0) {
                in.raw[i] = Double.NaN;
            }
        }
        return true;
    }

    /** Whether the line is an error line ({@code error} in its output): counted, nothing else read. */
    boolean error() {
        return out.error;
    }

    String rowId() {
        return in.rowId;
    }

    double prediction() {
        return out.prediction;
    }

    /** The SHAP values in the schema's order, as the line holds them (the array is reused: copy it). */
    double[] shap() {
        return out.shap;
    }

    /** The model's input vector as the tree path makes it: NaN for a missing or null value or an unknown category. */
    double[] modelRow() {
        return in.raw;
    }

    long reasons() {
        return out.reasons;
    }

    /** The explanation method the line names, or null. */
    String method() {
        return out.method;
    }

    /** The name of the reference the line names, or null. */
    String referenceName() {
        return out.referenceName;
    }

    /** The group variable's value as the tree path's {@code asString()} gives it, or null when it has none. */
    String groupValue() {
        return in.hasGroup ? in.group : null;
    }

    boolean hasInteractions() {
        return out.hasInteractions;
    }

    /** Row k of the interaction matrix holds feature {@code interactionIndex()[k]} of the schema. */
    int[] interactionIndex() {
        return out.interactionIndex;
    }

    /** The interaction values, row-major n × n in the line's own order ({@link #interactionIndex}). */
    double[] interactions() {
        return out.interactions;
    }

    private void readTop(JsonParser p) throws Unsure {
        int match;
        while ((match = p.nextNameMatch(matcher)) != PropertyNameMatcher.MATCH_END_OBJECT) {
            if (match == PropertyNameMatcher.MATCH_UNKNOWN_NAME) {
                skipValue(p);
                continue;
            }
            expectName(match);
            int role = roles[match];
            if (role == 0) {
                inputValue(p, keys[match], topInput);
            } else if (role == OUTPUT || role == DATA) {
                once(top, role);
                expect(p.nextToken(), JsonToken.START_OBJECT);
                if (role == OUTPUT) {
                    hasSageMaker = true;
                    readOutput(p, sageMaker);
                } else {
                    readInput(p, data);
                }
            } else {
                outputValue(p, role, top);
            }
        }
    }

    private void readOutput(JsonParser p, Output output) throws Unsure {
        int match;
        while ((match = p.nextNameMatch(matcher)) != PropertyNameMatcher.MATCH_END_OBJECT) {
            int role = match == PropertyNameMatcher.MATCH_UNKNOWN_NAME ? 0 : roles[expectName(match)];
            if (role == 0 || role == OUTPUT || role == DATA) {
                skipValue(p);
            } else {
                outputValue(p, role, output);
            }
        }
    }

    private void readInput(JsonParser p, Input input) throws Unsure {
        int match;
        while ((match = p.nextNameMatch(matcher)) != PropertyNameMatcher.MATCH_END_OBJECT) {
            InputKey key = match == PropertyNameMatcher.MATCH_UNKNOWN_NAME ? null : keys[expectName(match)];
            if (key == null) {
                skipValue(p);
            } else {
                inputValue(p, key, input);
            }
        }
    }

    /** A match of a name (not the odd token that is neither a name nor the object's end). */
    private static int expectName(int match) throws Unsure {
        if (match < 0) {
            throw Unsure.INSTANCE;
        }
        return match;
    }

    /** A key the tree would read twice over keeps its last value there: the tree reads such a line. */
    private static void once(Output output, int role) throws Unsure {
        if ((output.keys & (1L << role)) != 0) {
            throw Unsure.INSTANCE;
        }
        output.keys |= 1L << role;
    }

    /** One value of an output key. */
    private void outputValue(JsonParser p, int role, Output output) throws Unsure {
        once(output, role);
        JsonToken token = p.nextToken();
        switch (role) {
            case ERROR -> {
                // The tree path counts a line whose output has the key at all, whatever it holds.
                output.error = true;
                skipCurrent(p, token);
            }
            case PREDICTION -> {
                output.prediction = number(p, token);
                output.hasPrediction = true;
            }
            case EXPLANATION -> {
                expect(token, JsonToken.START_OBJECT);
                readExplanation(p, output);
            }
            case REASONS -> {
                expect(token, JsonToken.START_OBJECT);
                readReasons(p, output);
            }
            case INTERACTIONS -> {
                if (token != JsonToken.VALUE_NULL) {
                    expect(token, JsonToken.START_OBJECT);
                    readInteractions(p, output);
                }
            }
            default -> throw new IllegalStateException("output key role " + role);
        }
    }

    private void inputValue(JsonParser p, InputKey key, Input input) throws Unsure {
        JsonToken token = p.nextToken();
        if (key.rowId) {
            // The tree reads row_id with asString(null): only a string is read here.
            expect(token, JsonToken.VALUE_STRING);
            if (input.rowId != null) {
                throw Unsure.INSTANCE;
            }
            input.rowId = p.getString();
            return;
        }
        if (key.feature >= 0) {
            long bit = 1L << key.feature;
            if ((input.rawSeen & bit) != 0) {
                throw Unsure.INSTANCE;
            }
            input.rawSeen |= bit;
            input.raw[key.feature] = raw(p, token, features.get(key.feature));
        }
        if (key.group) {
            if (input.hasGroup) {
                throw Unsure.INSTANCE;
            }
            input.hasGroup = true;
            input.group = groupValue(p, token);
        } else if (key.feature < 0) {
            skipCurrent(p, token);
        }
    }

    /** A feature's raw value as the tree path encodes it into the model's row. */
    private double raw(JsonParser p, JsonToken token, Feature feature) throws Unsure {
        if (token == JsonToken.VALUE_NULL) {
            return Double.NaN;
        }
        if (feature.isCategorical()) {
            // The tree path looks up raw.asString(): a string's own text here, anything else by the tree.
            expect(token, JsonToken.VALUE_STRING);
            int code = feature.codeOf(p.getString());
            return code < 0 ? Double.NaN : code;
        }
        return number(p, token);
    }

    /**
     * The group variable's value as the tree path's {@code asString()} gives it, or null for none (null or a
     * container, which the tree path counts as without a group); a feature's value is read by {@link #raw} first.
     */
    private String groupValue(JsonParser p, JsonToken token) throws Unsure {
        JsonNodeFactory nodes = mapper.getNodeFactory();
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> p.getString();
            case VALUE_TRUE, VALUE_FALSE ->
                nodes.booleanNode(token == JsonToken.VALUE_TRUE).asString();
            case VALUE_NUMBER_INT ->
                switch (p.getNumberType()) {
                    case INT -> nodes.numberNode(p.getIntValue()).asString();
                    case LONG -> nodes.numberNode(p.getLongValue()).asString();
                    default -> throw Unsure.INSTANCE;
                };
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(p.getDoubleValue()).asString();
            case START_OBJECT, START_ARRAY -> {
                skipCurrent(p, token);
                yield null;
            }
            default -> throw Unsure.INSTANCE;
        };
    }

    /** {@code explanation_shap_values}: its {@code shap_values}, method and reference name. */
    private void readExplanation(JsonParser p, Output output) throws Unsure {
        boolean method = false;
        boolean reference = false;
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            switch (p.currentName()) {
                case "shap_values" -> {
                    if (output.hasShapValues) {
                        throw Unsure.INSTANCE;
                    }
                    output.hasShapValues = true;
                    expect(p.nextToken(), JsonToken.START_OBJECT);
                    readShapValues(p, output);
                }
                case "explanation_method" -> {
                    if (method) {
                        throw Unsure.INSTANCE;
                    }
                    method = true;
                    expect(p.nextToken(), JsonToken.VALUE_STRING);
                    output.method = p.getString();
                }
                case "reference" -> {
                    if (reference) {
                        throw Unsure.INSTANCE;
                    }
                    reference = true;
                    expect(p.nextToken(), JsonToken.START_OBJECT);
                    readReference(p, output);
                }
                default -> skipValue(p);
            }
        }
        end(token, JsonToken.END_OBJECT);
    }

    private void readReference(JsonParser p, Output output) throws Unsure {
        boolean name = false;
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            if (p.currentName().equals("name")) {
                if (name) {
                    throw Unsure.INSTANCE;
                }
                name = true;
                expect(p.nextToken(), JsonToken.VALUE_STRING);
                output.referenceName = p.getString();
            } else {
                skipValue(p);
            }
        }
        end(token, JsonToken.END_OBJECT);
    }

    private void readShapValues(JsonParser p, Output output) throws Unsure {
        int match;
        while ((match = p.nextNameMatch(matcher)) != PropertyNameMatcher.MATCH_END_OBJECT) {
            InputKey key = match == PropertyNameMatcher.MATCH_UNKNOWN_NAME ? null : keys[expectName(match)];
            if (key == null || key.feature < 0) {
                skipValue(p);
                continue;
            }
            long bit = 1L << key.feature;
            if ((output.shapSeen & bit) != 0) {
                throw Unsure.INSTANCE;
            }
            output.shapSeen |= bit;
            output.shap[key.feature] = number(p, p.nextToken());
        }
    }

    /** {@code reasons.reasons[].feature}: the mask of the schema's features named. */
    private void readReasons(JsonParser p, Output output) throws Unsure {
        boolean list = false;
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            if (!p.currentName().equals("reasons")) {
                skipValue(p);
                continue;
            }
            if (list) {
                throw Unsure.INSTANCE;
            }
            list = true;
            expect(p.nextToken(), JsonToken.START_ARRAY);
            JsonToken element;
            while ((element = p.nextToken()) == JsonToken.START_OBJECT) {
                String feature = null;
                JsonToken field;
                while ((field = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                    if (!p.currentName().equals("feature")) {
                        skipValue(p);
                        continue;
                    }
                    if (feature != null) {
                        throw Unsure.INSTANCE;
                    }
                    expect(p.nextToken(), JsonToken.VALUE_STRING);
                    feature = p.getString();
                }
                end(field, JsonToken.END_OBJECT);
                if (feature != null && catalog.contains(feature)) {
                    output.reasons |= 1L << catalog.feature(feature).index();
                }
            }
            end(element, JsonToken.END_ARRAY);
        }
        end(token, JsonToken.END_OBJECT);
    }

    /** The interaction values: n names of the schema, each once, and an n × n matrix of numbers; else the tree. */
    private void readInteractions(JsonParser p, Output output) throws Unsure {
        boolean names = false;
        boolean values = false;
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            switch (p.currentName()) {
                case "feature_names" -> {
                    if (names) {
                        throw Unsure.INSTANCE;
                    }
                    names = true;
                    expect(p.nextToken(), JsonToken.START_ARRAY);
                    long seen = 0;
                    int k = 0;
                    JsonToken element;
                    while ((element = p.nextToken()) == JsonToken.VALUE_STRING) {
                        String name = p.getString();
                        if (k == n || !catalog.contains(name)) {
                            throw Unsure.INSTANCE;
                        }
                        int index = catalog.feature(name).index();
                        if ((seen & (1L << index)) != 0) {
                            throw Unsure.INSTANCE;
                        }
                        seen |= 1L << index;
                        output.interactionIndex[k++] = index;
                    }
                    end(element, JsonToken.END_ARRAY);
                    if (k != n) {
                        throw Unsure.INSTANCE;
                    }
                }
                case "values" -> {
                    if (values) {
                        throw Unsure.INSTANCE;
                    }
                    values = true;
                    expect(p.nextToken(), JsonToken.START_ARRAY);
                    int i = 0;
                    JsonToken row;
                    while ((row = p.nextToken()) == JsonToken.START_ARRAY) {
                        if (i == n) {
                            throw Unsure.INSTANCE;
                        }
                        int j = 0;
                        JsonToken value;
                        while ((value = p.nextToken()) != JsonToken.END_ARRAY) {
                            if (j == n) {
                                throw Unsure.INSTANCE;
                            }
                            output.interactions[i * n + j++] = number(p, value);
                        }
                        if (j != n) {
                            throw Unsure.INSTANCE;
                        }
                        i++;
                    }
                    end(row, JsonToken.END_ARRAY);
                    if (i != n) {
                        throw Unsure.INSTANCE;
                    }
                }
                default -> skipValue(p);
            }
        }
        end(token, JsonToken.END_OBJECT);
        if (!names || !values) {
            throw Unsure.INSTANCE;
        }
        output.hasInteractions = true;
    }

    /** A number as the tree's number node gives it with asDouble(): int, long or double; anything else is unsure. */
    private static double number(JsonParser p, JsonToken token) throws Unsure {
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return switch (p.getNumberType()) {
                case INT -> p.getIntValue();
                case LONG -> p.getLongValue();
                default -> throw Unsure.INSTANCE;
            };
        }
        throw Unsure.INSTANCE;
    }

    private static void skipValue(JsonParser p) throws Unsure {
        skipCurrent(p, p.nextToken());
    }

    /**
     * Skips the value that starts at this token, decoding every string and number in it as the tree would (so
     * that whatever the tree refuses in it is refused here too).
     */
    private static void skipCurrent(JsonParser p, JsonToken token) throws Unsure {
        int depth = 0;
        while (true) {
            if (token == null) {
                throw Unsure.INSTANCE;
            }
            switch (token) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case VALUE_STRING -> p.getStringLength();
                case VALUE_NUMBER_INT -> p.getNumberType();
                case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                case PROPERTY_NAME, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {}
                default -> throw Unsure.INSTANCE;
            }
            if (depth == 0) {
                return;
            }
            token = p.nextToken();
        }
    }

    private static void expect(JsonToken token, JsonToken expected) throws Unsure {
        if (token != expected) {
            throw Unsure.INSTANCE;
        }
    }

    private static void end(JsonToken token, JsonToken expected) throws Unsure {
        expect(token, expected);
    }
}
