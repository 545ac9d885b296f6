package com.example.credit.etl.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The features of credit-core's {@code data.schema.json}, in schema order, with their rules.
 *
 * <p>The ETL reads the schema rather than repeating it, so the prepared data can never drift from what
 * training and the explainer accept. Jackson 2 (Spark's) reads it: credit-core's own Jackson 3 reader
 * is kept off Spark's classpath.
 *
 * @param features the model features (row_id excluded), in the order of the schema's properties
 */
public record DataSchema(List<FieldRule> features) {

    /** Classpath location of the data schema inside credit-core. */
    public static final String DATA_SCHEMA_RESOURCE = "com/example/credit/core/schema/data.schema.json";

    /** Classpath location of the label schema inside credit-core. */
    public static final String LABEL_SCHEMA_RESOURCE = "com/example/credit/core/schema/label.schema.json";

    /** The schema format this build reads. */
    public static final int FORMAT_VERSION = 1;

    private static final String ROW_ID = "row_id";

    public DataSchema {
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("data schema must declare at least one feature");
        }
    }

    /** Reads the data schema shipped in credit-core. */
    public static DataSchema load() {
        return parse(resourceBytes(DATA_SCHEMA_RESOURCE));
    }

    /** Parses a data schema document. */
    public static DataSchema parse(byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("data schema is not valid JSON: " + e.getMessage(), e);
        }
        int version = root.path("x-format-version").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException(
                    "unknown data schema format " + version + ", this build reads " + FORMAT_VERSION);
        }
        List<FieldRule> rules = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            if (!property.getKey().equals(ROW_ID)) {
                rules.add(rule(property.getKey(), property.getValue()));
            }
        }
        return new DataSchema(rules);
    }

    /** The names of the features, in schema order. */
    public List<String> names() {
        return features.stream().map(FieldRule::name).toList();
    }

    /** The bytes of a classpath resource, e.g. one of the schema documents. */
    public static byte[] resourceBytes(String resource) {
        ClassLoader loader = Objects.requireNonNullElse(
                Thread.currentThread().getContextClassLoader(), DataSchema.class.getClassLoader());
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "resource " + resource + " is not on the classpath; it ships in credit-core");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }

    private static FieldRule rule(String name, JsonNode property) {
        ValueType type = ValueType.fromJsonSchema(name, property.path("type").asText());
        List<String> allowed = new ArrayList<>();
        property.path("enum").forEach(value -> allowed.add(value.asText()));
        Range range = Range.UNBOUNDED;
        if (property.has("minimum") || property.has("maximum")) {
            range = new Range(
                    property.path("minimum").asLong(Long.MIN_VALUE),
                    property.path("maximum").asLong(Long.MAX_VALUE));
        }
        return new FieldRule(name, type, allowed, range);
    }
}
