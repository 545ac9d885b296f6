package com.example.credit.core.schema;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Validates documents against a JSON Schema (draft 2020-12) and reports violations that name the field and
 * the rule. The compiled schema is immutable; one validator serves all threads.
 */
public final class ApplicationValidator {

    private final Schema schema;

    private ApplicationValidator(String schemaJson) {
        // The schemas carry their own format version; declaring the keyword keeps the validator from warning about it.
        Dialect dialect = Dialect.builder(Dialects.getDraft202012())
                .keyword(new AnnotationKeyword("x-format-version"))
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(dialect);
        this.schema = registry.getSchema(schemaJson, InputFormat.JSON);
    }

    /** A validator for credit applications (the data schema of the catalogue). */
    public static ApplicationValidator forApplications(FeatureCatalog catalog) {
        return new ApplicationValidator(catalog.dataSchemaJson());
    }

    /** A validator for labels (the label schema of the catalogue). */
    public static ApplicationValidator forLabels(FeatureCatalog catalog) {
        return new ApplicationValidator(catalog.labelSchemaJson());
    }

    /** Every violation of the schema, sorted by field then rule; empty when the document conforms. */
    public List<Violation> validate(JsonNode document) {
        return schema.validate(document).stream()
                .map(ApplicationValidator::toViolation)
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::rule))
                .toList();
    }

    /**
     * Checks a document.
     *
     * @throws InvalidApplicationException listing every violation when the document does not conform
     */
    public void requireValid(JsonNode document) {
        List<Violation> violations = validate(document);
        if (!violations.isEmpty()) {
            throw new InvalidApplicationException(violations);
        }
    }

    private static Violation toViolation(Error error) {
        String rule = error.getKeyword() == null ? "schema" : error.getKeyword();
        String field = fieldOf(error);
        String message = field.equals("$")
                ? error.getMessage() + " (rule: " + rule + ")"
                : field + ": " + describe(error) + " (rule: " + rule + ")";
        return new Violation(field, rule, message);
    }

    private static String fieldOf(Error error) {
        if (error.getProperty() != null
                && ("required".equals(error.getKeyword()) || "additionalProperties".equals(error.getKeyword()))) {
            return error.getProperty();
        }
        // networknt reports JSON Pointers ("/credit__amount"); users know fields by name.
        String location = String.valueOf(error.getInstanceLocation());
        if (location.startsWith("$.")) {
            location = location.substring(2);
        } else if (location.startsWith("/")) {
            location = location.substring(1).replace('/', '.');
        }
        return location.isEmpty() || location.equals("$") ? "$" : location;
    }

    private static String describe(Error error) {
        JsonNode value = error.getInstanceNode();
        String keyword = String.valueOf(error.getKeyword());
        return switch (keyword) {
            case "required" -> "is required but missing";
            case "additionalProperties" -> "is not a field of a credit application";
            default -> "value " + value + " is invalid: " + stripLocation(error.getMessage());
        };
    }

    private static String stripLocation(String message) {
        int colon = message.indexOf(": ");
        return (message.startsWith("$") || message.startsWith("/") || message.startsWith(":")) && colon >= 0
                ? message.substring(colon + 2)
                : message;
    }
}
