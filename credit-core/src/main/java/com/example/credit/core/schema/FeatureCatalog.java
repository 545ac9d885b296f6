package com.example.credit.core.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model's features in model order, read from the data schema so that the schema stays the single source
 * of truth for names, order, categories and ranges. Immutable and thread-safe.
 */
public final class FeatureCatalog {

    /** The field that identifies a prepared row; never a feature. */
    public static final String ROW_ID = "row_id";

    /** The label field: whether the credit defaulted. */
    public static final String LABEL = "credit__default";

    /** The data schema's file name, in the prepared dataset's {@code schemas/} folder and in the model bundle. */
    public static final String DATA_SCHEMA_FILE = "data.schema.json";

    /** The label schema's file name, beside {@link #DATA_SCHEMA_FILE}. */
    public static final String LABEL_SCHEMA_FILE = "label.schema.json";

    /** The data schema format this build reads. */
    public static final int SCHEMA_FORMAT_VERSION = 1;

    private static final String RESOURCE_DIR = "/com/example/credit/core/schema/";

    private static final FeatureCatalog STANDARD =
            fromSchemas(readResource(RESOURCE_DIR + DATA_SCHEMA_FILE), readResource(RESOURCE_DIR + LABEL_SCHEMA_FILE));

    private final List<Feature> features;
    private final Map<String, Feature> byName;
    private final String dataSchemaJson;
    private final String labelSchemaJson;

    private FeatureCatalog(List<Feature> features, String dataSchemaJson, String labelSchemaJson) {
        this.features = List.copyOf(features);
        Map<String, Feature> index = new LinkedHashMap<>();
        features.forEach(feature -> index.put(feature.name(), feature));
        this.byName = Map.copyOf(index);
        this.dataSchemaJson = dataSchemaJson;
        this.labelSchemaJson = labelSchemaJson;
    }

    /** The catalogue of this build, from the schemas packaged in credit-core. */
    public static FeatureCatalog standard() {
        return STANDARD;
    }

    /**
     * Reads a catalogue from schema documents, for example those stored beside a trained model.
     *
     * @throws SchemaFormatException when a document is not a schema of the expected shape
     */
    public static FeatureCatalog fromSchemas(String dataSchemaJson, String labelSchemaJson) {
        JsonNode data = parse(dataSchemaJson, "data schema");
        JsonNode label = parse(labelSchemaJson, "label schema");
        checkFormatVersion(data, "data schema");
        checkFormatVersion(label, "label schema");
        if (!label.path("properties").has(LABEL)) {
            throw new SchemaFormatException("label schema has no property " + LABEL);
        }
        Set<String> required = new HashSet<>();
        data.path("required").values().forEach(node -> required.add(node.asString()));
        List<Feature> features = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : data.path("properties").properties()) {
            String name = property.getKey();
            if (name.equals(ROW_ID)) {
                continue;
            }
            if (!required.contains(name)) {
                throw new SchemaFormatException("feature " + name + " must be listed in the schema's required");
            }
            features.add(toFeature(name, features.size(), property.getValue()));
        }
        if (features.isEmpty()) {
            throw new SchemaFormatException("data schema declares no features");
        }
        return new FeatureCatalog(features, dataSchemaJson, labelSchemaJson);
    }

    /** The features in model order. */
    public List<Feature> features() {
        return features;
    }

    /** The number of features. */
    public int size() {
        return features.size();
    }

    /** The feature names in model order. */
    public List<String> names() {
        return features.stream().map(Feature::name).toList();
    }

    /**
     * The feature of that name.
     *
     * @throws IllegalArgumentException when there is none
     */
    public Feature feature(String name) {
        Feature feature = byName.get(name);
        if (feature == null) {
            throw new IllegalArgumentException("unknown feature '" + name + "'; known features: " + names());
        }
        return feature;
    }

    /** Whether a feature of that name exists. */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** The data schema document, byte for byte as packaged. */
    public String dataSchemaJson() {
        return dataSchemaJson;
    }

    /** The label schema document, byte for byte as packaged. */
    public String labelSchemaJson() {
        return labelSchemaJson;
    }

    private static Feature toFeature(String name, int index, JsonNode node) {
        String type = node.path("type").asString("");
        String title = requiredText(node, name, "title");
        String description = requiredText(node, name, "description");
        JsonNode enumNode = node.path("enum");
        Monotone monotone = node.has("x-monotone")
                ? Monotone.ofSchema(name, node.get("x-monotone").asString(""))
                : Monotone.NONE;
        switch (type) {
            case "string" -> {
                if (!enumNode.isArray() || enumNode.isEmpty()) {
                    throw new SchemaFormatException("string feature " + name + " must list its categories in an enum");
                }
                List<String> categories =
                        enumNode.values().stream().map(JsonNode::asString).toList();
                return new Feature(
                        name, index, title, description, FeatureKind.CATEGORICAL, categories, 0, 0, monotone);
            }
            case "integer", "number" -> {
                double minimum;
                double maximum;
                if (enumNode.isArray() && !enumNode.isEmpty()) {
                    minimum = enumNode.values().stream()
                            .mapToDouble(JsonNode::asDouble)
                            .min()
                            .orElseThrow();
                    maximum = enumNode.values().stream()
                            .mapToDouble(JsonNode::asDouble)
                            .max()
                            .orElseThrow();
                } else if (node.has("minimum") && node.has("maximum")) {
                    minimum = node.get("minimum").asDouble();
                    maximum = node.get("maximum").asDouble();
                } else {
                    throw new SchemaFormatException("numeric feature " + name + " must give a minimum and a maximum");
                }
                return new Feature(
                        name, index, title, description, FeatureKind.NUMERIC, List.of(), minimum, maximum, monotone);
            }
            default ->
                throw new SchemaFormatException(
                        "feature " + name + " has type '" + type + "'; a feature must be string, integer or number");
        }
    }

    private static String requiredText(JsonNode node, String name, String key) {
        String text = node.path(key).asString("");
        if (text.isBlank()) {
            throw new SchemaFormatException("feature " + name + " has no " + key + "; every feature needs one");
        }
        return text;
    }

    private static void checkFormatVersion(JsonNode schema, String what) {
        int version = schema.path("x-format-version").asInt(-1);
        if (version < 1 || version > SCHEMA_FORMAT_VERSION) {
            throw new SchemaFormatException(
                    "unknown " + what + " format " + version + ", this build reads 1 to " + SCHEMA_FORMAT_VERSION);
        }
    }

    private static JsonNode parse(String json, String what) {
        try {
            JsonNode node = JsonMapper.shared().readTree(json);
            if (!node.isObject()) {
                throw new SchemaFormatException(what + " must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new SchemaFormatException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String readResource(String path) {
        try (InputStream in = FeatureCatalog.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new SchemaFormatException("schema resource " + path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SchemaFormatException("cannot read schema resource " + path, e);
        }
    }
}
