package com.example.credit.testsupport.aws;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/** The little JSON the services need, over the shared Jackson 3 mapper. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.shared();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The body parsed as JSON, or a missing node when it is empty or not JSON. */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException notJson) {
            return MissingNode.getInstance();
        }
    }

    /** A string field, or null when it is absent or not a string. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /** An object of string values (hyperparameters, arguments, environment) as an unmodifiable ordered map. */
    static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            map.put(entry.getKey(), entry.getValue().asString());
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * A timestamp as the JSON protocols send it: epoch seconds, with the milliseconds as a fraction (the SDK's
     * default {@code unixTimestamp} format for awsJson1_1 and restJson1).
     */
    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    /** SageMaker caps {@code FailureReason} at 1,024 characters (its API reference's length constraint). */
    static String failureReason(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        return message.length() <= 1024 ? message : message.substring(0, 1024);
    }
}
