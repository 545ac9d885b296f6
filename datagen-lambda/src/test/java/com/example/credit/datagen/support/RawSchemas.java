package com.example.credit.datagen.support;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The JSON Schemas of the raw datasets shipped in the module's resources, compiled with networknt. */
public final class RawSchemas {

    public static final Schema PEOPLE = load("people.schema.json");
    public static final Schema CREDITS = load("credits.schema.json");
    public static final Schema CONTACTS = load("contacts.schema.json");

    private RawSchemas() {}

    /** The schema violations of a document, as messages; empty when it conforms. */
    public static List<String> violations(Schema schema, JsonNode document) {
        return schema.validate(document).stream().map(Error::toString).toList();
    }

    private static Schema load(String name) {
        String resource = "/com/example/credit/datagen/schema/" + name;
        try (InputStream in = RawSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + resource);
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(json, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
