package com.example.credit.etl.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataSchemaTests {

    @Test
    void readsTheTwentyFeaturesOfCreditCoreInSchemaOrder() {
        DataSchema schema = DataSchema.load();
        assertThat(schema.names())
                .hasSize(20)
                .startsWith("contact__has_telephone", "credit__amount")
                .endsWith("residence__duration", "residence__type")
                .doesNotContain("row_id", "personal__age", "personal__gender", "personal__relationship_status");
    }

    @Test
    void takesEnumsAndRangesFromTheSchema() {
        DataSchema schema = DataSchema.load();
        FieldRule checking = rule(schema, "finance__accounts__checking__balance");
        assertThat(checking.allowed()).containsExactly("negative", "low", "high", "no_account");
        FieldRule rate = rule(schema, "credit__installment_rate");
        assertThat(rate.type()).isEqualTo(ValueType.INTEGER);
        assertThat(rate.range()).isEqualTo(new Range(1, 4));
        assertThat(rule(schema, "credit__guarantor").allowed()).containsExactly("0", "1");
    }

    @Test
    void refusesAnUnknownSchemaFormat() {
        byte[] json = "{\"x-format-version\":2,\"properties\":{}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DataSchema.parse(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown data schema format 2, this build reads 1");
    }

    @Test
    void refusesAnUnknownJsonType() {
        byte[] json = "{\"x-format-version\":1,\"properties\":{\"f\":{\"type\":\"number\"}}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DataSchema.parse(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feature f has JSON type 'number', this build reads string, integer, boolean");
    }

    @Test
    void rejectsRangeOnAString() {
        assertThatThrownBy(() -> new FieldRule("f", ValueType.STRING, List.of(), new Range(0, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field f has a range but is of type STRING");
    }

    private static FieldRule rule(DataSchema schema, String name) {
        return schema.features().stream()
                .filter(rule -> rule.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
