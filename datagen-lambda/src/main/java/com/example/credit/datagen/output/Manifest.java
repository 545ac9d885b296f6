package com.example.credit.datagen.output;

import com.example.credit.datagen.generate.GenerationRequest;
import java.io.ByteArrayOutputStream;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The {@code _SUCCESS} manifest: what was generated and how many rows each dataset holds. It carries no time
 * stamp, so that the same request gives the same bytes.
 *
 * @param formatVersion layout version of the raw datasets, {@link #FORMAT_VERSION}
 * @param request the mode, n and seed that produced the data
 * @param credits rows in credits.csv (without the header)
 * @param people lines in people.jsonl
 * @param contacts rows in contacts.csv (without the header)
 */
public record Manifest(int formatVersion, GenerationRequest request, long credits, long people, long contacts) {

    /** The raw dataset layout this build writes: 2 added credits.csv's last column, {@code derived_from}. */
    public static final int FORMAT_VERSION = 2;

    private static final JsonFactory JSON = new JsonFactory();

    public Manifest {
        Objects.requireNonNull(request, "request");
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException(
                    "unknown manifest format " + formatVersion + ", this build writes " + FORMAT_VERSION);
        }
        if (credits < 0 || people < 0 || contacts < 0) {
            throw new IllegalArgumentException("row counts must not be negative");
        }
    }

    /** The manifest as one line of JSON (UTF-8, newline-terminated). */
    public byte[] toJson() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), bytes)) {
            json.writeStartObject();
            json.writeNumberProperty("format_version", formatVersion);
            json.writeStringProperty("mode", request.mode().wireName());
            json.writeNumberProperty("seed", request.seed());
            json.writeNumberProperty("n", request.n());
            json.writeName("rows");
            json.writeStartObject();
            json.writeNumberProperty("credits", credits);
            json.writeNumberProperty("people", people);
            json.writeNumberProperty("contacts", contacts);
            json.writeEndObject();
            json.writeEndObject();
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }
}
