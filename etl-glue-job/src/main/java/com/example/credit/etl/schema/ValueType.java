package com.example.credit.etl.schema;

/** The JSON type of a feature value, as the data schema declares it. */
public enum ValueType {
    STRING,
    INTEGER,
    BOOLEAN;

    static ValueType fromJsonSchema(String name, String type) {
        return switch (type) {
            case "string" -> STRING;
            case "integer" -> INTEGER;
            case "boolean" -> BOOLEAN;
            default ->
                throw new IllegalArgumentException(
                        "feature " + name + " has JSON type '" + type + "', this build reads string, integer, boolean");
        };
    }
}
