package com.example.credit.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ApplicationValidatorTests {

    private final ApplicationValidator validator = ApplicationValidator.forApplications(FeatureCatalog.standard());

    @Test
    void acceptsTheExampleApplication() {
        assertThat(validator.validate(SchemaFixtures.exampleApplication())).isEmpty();
    }

    @Test
    void acceptsARowIdBesideTheFeatures() {
        ObjectNode row = SchemaFixtures.exampleApplication().put("row_id", "3f2a9c0d11b4e7a8");
        assertThat(validator.validate(row)).isEmpty();
    }

    @Test
    void rejectsAnUnknownCategoryNamingTheFieldAndTheRule() {
        ObjectNode application = SchemaFixtures.exampleApplication().put("credit__purpose", "yacht");

        assertThat(validator.validate(application)).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("credit__purpose");
            assertThat(violation.rule()).isEqualTo("enum");
            assertThat(violation.message()).contains("credit__purpose", "yacht", "rule: enum");
        });
    }

    @Test
    void rejectsAMissingFeature() {
        ObjectNode application = SchemaFixtures.exampleApplication();
        application.remove("credit__amount");

        assertThat(validator.validate(application)).singleElement().satisfies(violation -> assertThat(violation)
                .extracting(Violation::field, Violation::rule)
                .containsExactly("credit__amount", "required"));
    }

    @Test
    void rejectsAFieldThatIsNotAFeature() {
        ObjectNode application = SchemaFixtures.exampleApplication().put("personal__name", "Jane Doe");

        assertThat(validator.validate(application)).singleElement().satisfies(violation -> assertThat(violation)
                .extracting(Violation::field, Violation::rule)
                .containsExactly("personal__name", "additionalProperties"));
    }

    @Test
    void rejectsWrongTypesAndValuesOutOfRange() {
        ObjectNode application = SchemaFixtures.exampleApplication()
                .put("credit__duration", "forty")
                .put("credit__installment_rate", 7);

        assertThat(validator.validate(application))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("credit__duration", "type"),
                        org.assertj.core.groups.Tuple.tuple("credit__installment_rate", "maximum"));
    }

    @Test
    void rejectsADocumentThatIsNotAnObject() {
        assertThat(validator.validate(JsonMapper.shared().readTree("[1, 2]")))
                .extracting(Violation::rule)
                .contains("type");
    }

    @Test
    void requireValidListsEveryViolationInItsMessage() {
        ObjectNode application = SchemaFixtures.exampleApplication()
                .put("residence__type", "castle")
                .put("credit__amount", -5);

        assertThatThrownBy(() -> validator.requireValid(application))
                .isInstanceOf(InvalidApplicationException.class)
                .hasMessageContaining("credit__amount")
                .hasMessageContaining("residence__type")
                .satisfies(e -> assertThat(((InvalidApplicationException) e).violations())
                        .hasSize(2));
    }

    @Test
    void validatesLabels() {
        ApplicationValidator labels = ApplicationValidator.forLabels(FeatureCatalog.standard());
        assertThat(labels.validate(JsonMapper.shared().readTree("{\"row_id\":\"a1\",\"credit__default\":true}")))
                .isEmpty();
        assertThat(labels.validate(JsonMapper.shared().readTree("{\"row_id\":\"a1\",\"credit__default\":\"yes\"}")))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("credit__default", "type"));
    }
}
