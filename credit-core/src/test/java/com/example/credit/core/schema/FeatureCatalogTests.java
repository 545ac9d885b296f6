package com.example.credit.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureCatalogTests {

    private final FeatureCatalog catalog = FeatureCatalog.standard();

    @Test
    void listsTheTwentyModelFeaturesOfTheSpecificationInModelOrder() {
        assertThat(catalog.names())
                .containsExactly(
                        "contact__has_telephone",
                        "credit__amount",
                        "credit__coapplicant",
                        "credit__duration",
                        "credit__guarantor",
                        "credit__installment_rate",
                        "credit__purpose",
                        "employment__duration",
                        "employment__permit",
                        "employment__type",
                        "finance__accounts__checking__balance",
                        "finance__accounts__savings__balance",
                        "finance__credits__other_banks",
                        "finance__credits__other_stores",
                        "finance__credits__this_bank",
                        "finance__other_assets",
                        "finance__repayment_history",
                        "personal__num_dependents",
                        "residence__duration",
                        "residence__type");
        for (int i = 0; i < catalog.size(); i++) {
            assertThat(catalog.features().get(i).index()).isEqualTo(i);
        }
    }

    @Test
    void neverTreatsTheRowIdOrTheLabelOrProtectedAttributesAsFeatures() {
        assertThat(catalog.names())
                .doesNotContain(
                        FeatureCatalog.ROW_ID,
                        FeatureCatalog.LABEL,
                        "personal__age",
                        "personal__gender",
                        "personal__relationship_status");
    }

    @Test
    void describesEveryFeatureInPlainLanguage() {
        assertThat(catalog.features()).allSatisfy(feature -> {
            assertThat(feature.title()).isNotBlank();
            assertThat(feature.description()).hasSizeGreaterThan(20).endsWith(".");
        });
    }

    @Test
    void readsCategoriesInSchemaOrderAndRangesForNumbers() {
        Feature purpose = catalog.feature("credit__purpose");
        assertThat(purpose.kind()).isEqualTo(FeatureKind.CATEGORICAL);
        assertThat(purpose.categories()).startsWith("new_car", "used_car").contains("re-training");
        assertThat(purpose.codeOf("re-training")).isEqualTo(8);
        assertThat(purpose.codeOf("yacht")).isEqualTo(-1);

        Feature amount = catalog.feature("credit__amount");
        assertThat(amount.kind()).isEqualTo(FeatureKind.NUMERIC);
        assertThat(amount.minimum()).isEqualTo(1);
        assertThat(amount.maximum()).isEqualTo(1_000_000);

        Feature telephone = catalog.feature("contact__has_telephone");
        assertThat(telephone.kind()).isEqualTo(FeatureKind.NUMERIC);
        assertThat(List.of(telephone.minimum(), telephone.maximum())).containsExactly(0.0, 1.0);
    }

    @Test
    void groupsFeaturesByTheirNamePrefix() {
        assertThat(catalog.features().stream().map(Feature::group).distinct())
                .containsExactly("contact", "credit", "employment", "finance", "personal", "residence");
    }

    @Test
    void namesTheKnownFeaturesWhenAskedForAnUnknownOne() {
        assertThatThrownBy(() -> catalog.feature("credit__colour"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credit__colour")
                .hasMessageContaining("credit__amount");
    }

    @Test
    void refusesASchemaOfANewerFormat() {
        String newer = catalog.dataSchemaJson().replace("\"x-format-version\": 1", "\"x-format-version\": 3");
        assertThatThrownBy(() -> FeatureCatalog.fromSchemas(newer, catalog.labelSchemaJson()))
                .isInstanceOf(SchemaFormatException.class)
                .hasMessage("unknown data schema format 3, this build reads 1 to 1");
    }

    @Test
    void refusesAFeatureWithoutDescription() {
        String broken = catalog.dataSchemaJson()
                .replaceFirst("\"description\": \"How long the credit runs, in months\\.[^\"]*\"", "\"x\": 1");
        assertThatThrownBy(() -> FeatureCatalog.fromSchemas(broken, catalog.labelSchemaJson()))
                .isInstanceOf(SchemaFormatException.class)
                .hasMessageContaining("credit__duration has no description");
    }

    @Test
    void readsTheMonotoneDirectionsAndRefusesOneOnACategoricalFeatureOrAnUnknownWord() {
        assertThat(catalog.feature("credit__duration").monotone()).isEqualTo(Monotone.INCREASING);
        assertThat(catalog.feature("employment__duration").monotone()).isEqualTo(Monotone.DECREASING);
        assertThat(catalog.feature("residence__duration").monotone()).isEqualTo(Monotone.NONE);
        assertThat(catalog.feature("credit__duration").meaning()).isEqualTo("How long the credit runs, in months.");
        assertThat(catalog.feature("credit__duration").description())
                .startsWith("How long the credit runs, in months. Monotone increasing: ");

        String sideways =
                catalog.dataSchemaJson().replaceFirst("\"x-monotone\": \"increasing\"", "\"x-monotone\": \"sideways\"");
        assertThatThrownBy(() -> FeatureCatalog.fromSchemas(sideways, catalog.labelSchemaJson()))
                .isInstanceOf(SchemaFormatException.class)
                .hasMessage("feature credit__amount has x-monotone 'sideways'; it must be increasing or decreasing");

        String categorical = catalog.dataSchemaJson()
                .replace(
                        "\"enum\": [\"rent\", \"own\", \"free\"],",
                        "\"enum\": [\"rent\", \"own\", \"free\"]," + " \"x-monotone\": \"increasing\",");
        assertThatThrownBy(() -> FeatureCatalog.fromSchemas(categorical, catalog.labelSchemaJson()))
                .isInstanceOf(SchemaFormatException.class)
                .hasMessageContaining("categorical feature residence__type has x-monotone increasing");
    }

    @Test
    void refusesACategoricalFeatureWithoutEnum() {
        String broken = catalog.dataSchemaJson().replace("\"enum\": [\"rent\", \"own\", \"free\"],", "");
        assertThatThrownBy(() -> FeatureCatalog.fromSchemas(broken, catalog.labelSchemaJson()))
                .isInstanceOf(SchemaFormatException.class)
                .hasMessageContaining("residence__type must list its categories");
    }

    @Test
    void refusesTextThatIsNotJson() {
        assertThatThrownBy(() -> FeatureCatalog.fromSchemas("{not json", catalog.labelSchemaJson()))
                .isInstanceOf(SchemaFormatException.class)
                .hasMessageStartingWith("data schema is not valid JSON");
    }
}
