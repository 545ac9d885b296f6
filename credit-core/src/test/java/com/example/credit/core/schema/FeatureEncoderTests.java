package com.example.credit.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class FeatureEncoderTests {

    private final FeatureCatalog catalog = FeatureCatalog.standard();
    private final FeatureEncoder encoder = new FeatureEncoder(catalog);

    @Test
    void encodesCategoriesAsTheirSchemaPositionAndNumbersAsThemselves() {
        double[] row = encoder.encode(SchemaFixtures.exampleApplication());

        assertThat(row).hasSize(20);
        assertThat(row[catalog.feature("credit__amount").index()]).isEqualTo(5951);
        assertThat(row[catalog.feature("credit__purpose").index()]).isEqualTo(3); // electronics
        assertThat(row[catalog.feature("finance__accounts__checking__balance").index()])
                .isEqualTo(1); // low
        assertThat(row[catalog.feature("residence__type").index()]).isEqualTo(1); // own
        assertThat(row[catalog.feature("contact__has_telephone").index()]).isEqualTo(1);
    }

    @Test
    void encodesAbsentAndNullValuesAsMissing() {
        ObjectNode application = SchemaFixtures.exampleApplication();
        application.remove("credit__amount");
        application.putNull("credit__purpose");

        double[] row = encoder.encode(application);

        assertThat(row[catalog.feature("credit__amount").index()]).isNaN();
        assertThat(row[catalog.feature("credit__purpose").index()]).isNaN();
    }

    @Test
    void rejectsAnUnknownCategoryNamingTheFieldAndTheAllowedValues() {
        ObjectNode application = SchemaFixtures.exampleApplication().put("residence__type", "castle");

        assertThatThrownBy(() -> encoder.encode(application))
                .isInstanceOf(InvalidApplicationException.class)
                .hasMessageContaining("residence__type: value 'castle' is not one of [rent, own, free]")
                .hasMessageContaining("rule: enum");
    }

    @Test
    void rejectsANumberWhereACategoryBelongs() {
        ObjectNode application = SchemaFixtures.exampleApplication().put("credit__purpose", 4);

        assertThatThrownBy(() -> encoder.encode(application))
                .isInstanceOf(InvalidApplicationException.class)
                .hasMessageContaining("credit__purpose: must be a string");
    }

    @Test
    void encodesAMapExactlyLikeTheEquivalentJson() {
        Map<String, Object> map = new HashMap<>();
        SchemaFixtures.exampleApplication()
                .properties()
                .forEach(e -> map.put(
                        e.getKey(),
                        e.getValue().isString()
                                ? e.getValue().asString()
                                : e.getValue().numberValue()));

        assertThat(encoder.encode(map)).containsExactly(encoder.encode(SchemaFixtures.exampleApplication()));
    }

    @Test
    void decodesEverySlotBackToItsWireValue() {
        ObjectNode application = SchemaFixtures.exampleApplication();
        double[] row = encoder.encode(application);

        for (Feature feature : catalog.features()) {
            Object decoded = encoder.decode(feature.index(), row[feature.index()]);
            if (feature.isCategorical()) {
                assertThat(decoded).isEqualTo(application.get(feature.name()).asString());
            } else {
                assertThat(((Number) decoded).longValue())
                        .isEqualTo(application.get(feature.name()).asLong());
            }
        }
        assertThat(encoder.decode(0, Double.NaN)).isNull();
    }

    @Test
    void refusesAnOutputVectorOfTheWrongLength() {
        assertThatThrownBy(() -> encoder.encodeInto(SchemaFixtures.exampleApplication(), new double[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("output vector has 3 slots, the model has 20 features");
    }
}
