package com.example.credit.training.data;

import com.example.credit.core.CreditCoreException;
import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The schema documents of the {@code schemas} channel, kept byte for byte (they are copied into the model
 * folder), and the check that they describe exactly the features this build trains on. Immutable.
 */
public final class ChannelSchemas {

    private final byte[] dataSchema;
    private final byte[] labelSchema;
    private final FeatureCatalog catalog;

    private ChannelSchemas(byte[] dataSchema, byte[] labelSchema, FeatureCatalog catalog) {
        this.dataSchema = dataSchema.clone();
        this.labelSchema = labelSchema.clone();
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** The bytes of {@code data.schema.json}, as the channel holds them. */
    public byte[] dataSchema() {
        return dataSchema.clone();
    }

    /** The bytes of {@code label.schema.json}, as the channel holds them. */
    public byte[] labelSchema() {
        return labelSchema.clone();
    }

    /** The features the documents describe (equal to this build's). */
    public FeatureCatalog catalog() {
        return catalog;
    }

    /**
     * Reads the schemas channel and checks it against this build's catalogue.
     *
     * @throws TrainingException (reason MISSING_CHANNEL) when the channel or one of its two files is missing,
     *     (reason SCHEMA_MISMATCH) when a document is unreadable or its features differ from {@code expected}
     */
    public static ChannelSchemas read(ChannelLayout layout, FeatureCatalog expected) {
        Path folder = layout.channel(Channel.SCHEMAS);
        byte[] data = readFile(folder, FeatureCatalog.DATA_SCHEMA_FILE);
        byte[] label = readFile(folder, FeatureCatalog.LABEL_SCHEMA_FILE);
        FeatureCatalog catalog;
        try {
            catalog = FeatureCatalog.fromSchemas(
                    new String(data, StandardCharsets.UTF_8), new String(label, StandardCharsets.UTF_8));
        } catch (CreditCoreException e) {
            throw new TrainingException(
                    Reason.SCHEMA_MISMATCH,
                    "schema mismatch: the schemas channel is not a schema this build" + " reads: " + e.getMessage(),
                    e);
        }
        List<String> differences = differences(catalog, expected);
        if (!differences.isEmpty()) {
            throw new TrainingException(
                    Reason.SCHEMA_MISMATCH,
                    "schema mismatch: the schemas channel differs from the schema this" + " build trains on: "
                            + String.join("; ", differences));
        }
        return new ChannelSchemas(data, label, catalog);
    }

    /** How the features of {@code actual} differ from {@code expected}; empty when they agree. */
    static List<String> differences(FeatureCatalog actual, FeatureCatalog expected) {
        List<String> differences = new ArrayList<>();
        List<String> missing = new ArrayList<>(expected.names());
        missing.removeAll(actual.names());
        List<String> extra = new ArrayList<>(actual.names());
        extra.removeAll(expected.names());
        if (!missing.isEmpty()) {
            differences.add("features missing from the channel's schema: " + missing);
        }
        if (!extra.isEmpty()) {
            differences.add("features not in this build's schema: " + extra);
        }
        if (missing.isEmpty() && extra.isEmpty() && !actual.names().equals(expected.names())) {
            differences.add("feature order " + actual.names() + " differs from " + expected.names());
        }
        for (Feature feature : actual.features()) {
            if (!expected.contains(feature.name())) {
                continue;
            }
            Feature wanted = expected.feature(feature.name());
            if (feature.kind() != wanted.kind()) {
                differences.add("feature " + feature.name() + " is " + feature.kind() + " in the channel's schema, "
                        + wanted.kind() + " in this build's");
            } else if (!feature.categories().equals(wanted.categories())) {
                differences.add("feature " + feature.name() + " has categories " + feature.categories()
                        + " in the channel's schema, " + wanted.categories() + " in this build's");
            } else if (feature.monotone() != wanted.monotone()) {
                differences.add("feature " + feature.name() + " has x-monotone "
                        + feature.monotone().schemaValue() + " in the channel's schema, "
                        + wanted.monotone().schemaValue() + " in this build's");
            }
        }
        return differences;
    }

    private static byte[] readFile(Path folder, String name) {
        Path file = folder.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new TrainingException(
                    Reason.MISSING_CHANNEL, "channel " + Channel.SCHEMAS + " has no " + name + " in " + folder);
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TrainingException(Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
