package com.example.credit.core.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Test data shared by the schema tests. */
final class SchemaFixtures {

    private SchemaFixtures() {}

    /** A fresh, mutable copy of the packaged example application. */
    static ObjectNode exampleApplication() {
        try (InputStream in =
                SchemaFixtures.class.getResourceAsStream("/com/example/credit/core/schema/example-application.json")) {
            return (ObjectNode) JsonMapper.shared().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
