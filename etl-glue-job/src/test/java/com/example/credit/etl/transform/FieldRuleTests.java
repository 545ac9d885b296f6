package com.example.credit.etl.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldRuleTests {

    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();

    @Test
    void checksTheTwentyFeaturesOfCreditCoreInSchemaOrder() {
        List<FieldRule> rules = Validation.featureRules(CATALOG);
        assertThat(rules)
                .extracting(FieldRule::name)
                .hasSize(20)
                .startsWith("contact__has_telephone", "credit__amount")
                .endsWith("residence__duration", "residence__type")
                .doesNotContain("row_id", "personal__age", "personal__gender", "personal__relationship_status");
    }

    @Test
    void takesCategoriesAndRangesFromTheSchema() {
        FieldRule checking = rule("finance__accounts__checking__balance");
        assertThat(checking.type()).isEqualTo(ValueType.STRING);
        assertThat(checking.allowed()).containsExactly("negative", "low", "high", "no_account");
        assertThat(checking.range().isUnbounded()).isTrue();
        FieldRule rate = rule("credit__installment_rate");
        assertThat(rate.type()).isEqualTo(ValueType.INTEGER);
        assertThat(rate.range()).isEqualTo(new Range(1, 4));
        // The schema's enum [0, 1] of a flag: the range of its values.
        FieldRule guarantor = rule("credit__guarantor");
        assertThat(guarantor.allowed()).isEmpty();
        assertThat(guarantor.range()).isEqualTo(new Range(0, 1));
    }

    @Test
    void refusesANumericFeatureWithAFractionalBound() {
        Feature share = new Feature("credit__share", 0, "Share", "A share.", FeatureKind.NUMERIC, List.of(), 0, 0.5);
        assertThatThrownBy(() -> FieldRule.of(share))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feature credit__share has the bound 0.5; this build reads integer features only");
    }

    @Test
    void rejectsRangeOnAString() {
        assertThatThrownBy(() -> new FieldRule("f", ValueType.STRING, List.of(), new Range(0, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field f has a range but is of type STRING");
    }

    private static FieldRule rule(String name) {
        return FieldRule.of(CATALOG.feature(name));
    }
}
