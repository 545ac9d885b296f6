package com.example.credit.training.data;

import static com.example.credit.training.TrainingFailures.hasReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelSchemasTests {

    @TempDir
    Path root;

    private static final FeatureCatalog STANDARD = FeatureCatalog.standard();

    private void writeSchemas(String data, String label) throws IOException {
        Path schemas = Files.createDirectories(root.resolve("schemas"));
        Files.writeString(schemas.resolve("data.schema.json"), data);
        Files.writeString(schemas.resolve("label.schema.json"), label);
    }

    @Test
    void keepsTheDocumentsByteForByte() throws IOException {
        writeSchemas(STANDARD.dataSchemaJson(), STANDARD.labelSchemaJson());

        ChannelSchemas schemas = ChannelSchemas.read(new ChannelLayout(root), STANDARD);

        assertThat(schemas.dataSchema()).isEqualTo(Files.readAllBytes(root.resolve("schemas/data.schema.json")));
        assertThat(schemas.catalog().names()).isEqualTo(STANDARD.names());
    }

    @Test
    void namesAFeatureMissingFromTheChannelsSchema() throws IOException {
        String data = STANDARD.dataSchemaJson()
                .replaceFirst("(?s)\"personal__num_dependents\": \\{.*?\\},", "")
                .replace("\"personal__num_dependents\",", "");
        writeSchemas(data, STANDARD.labelSchemaJson());

        assertThatThrownBy(() -> ChannelSchemas.read(new ChannelLayout(root), STANDARD))
                .isInstanceOfSatisfying(TrainingException.class, hasReason(Reason.SCHEMA_MISMATCH))
                .hasMessageContaining("features missing from the channel's schema: [personal__num_dependents]");
    }

    @Test
    void namesAFeatureWhoseKindDiffers() throws IOException {
        String data = STANDARD.dataSchemaJson()
                .replace(
                        "\"type\": \"integer\",\n      \"enum\": [0, 1],\n      \"description\": \"Whether the applicant"
                                + " has a telephone",
                        "\"type\": \"string\",\n      \"enum\": [\"no\", \"yes\"],\n      \"description\": \"Whether"
                                + " the applicant has a telephone");
        assertThat(data).isNotEqualTo(STANDARD.dataSchemaJson());
        writeSchemas(data, STANDARD.labelSchemaJson());

        assertThatThrownBy(() -> ChannelSchemas.read(new ChannelLayout(root), STANDARD))
                .isInstanceOfSatisfying(TrainingException.class, hasReason(Reason.SCHEMA_MISMATCH))
                .hasMessageContaining(
                        "feature contact__has_telephone is CATEGORICAL in the channel's schema, NUMERIC in this build's");
    }

    @Test
    void reportsADocumentThatIsNoSchema() throws IOException {
        writeSchemas("[1, 2]", STANDARD.labelSchemaJson());

        assertThatThrownBy(() -> ChannelSchemas.read(new ChannelLayout(root), STANDARD))
                .isInstanceOfSatisfying(TrainingException.class, hasReason(Reason.SCHEMA_MISMATCH))
                .hasMessageStartingWith("schema mismatch: the schemas channel is not a schema this build reads:");
    }

    @Test
    void reportsAMissingSchemaFile() throws IOException {
        Files.createDirectories(root.resolve("schemas"));
        Files.writeString(root.resolve("schemas/data.schema.json"), STANDARD.dataSchemaJson());

        assertThatThrownBy(() -> ChannelSchemas.read(new ChannelLayout(root), STANDARD))
                .isInstanceOfSatisfying(TrainingException.class, hasReason(Reason.MISSING_CHANNEL))
                .hasMessageStartingWith("channel schemas has no label.schema.json");
    }
}
