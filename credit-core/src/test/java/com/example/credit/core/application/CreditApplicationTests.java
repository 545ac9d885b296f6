package com.example.credit.core.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.core.application.Categories.CheckingBalance;
import com.example.credit.core.application.Categories.EmploymentType;
import com.example.credit.core.application.Categories.OtherAssets;
import com.example.credit.core.application.Categories.Permit;
import com.example.credit.core.application.Categories.Purpose;
import com.example.credit.core.application.Categories.RepaymentHistory;
import com.example.credit.core.application.Categories.ResidenceType;
import com.example.credit.core.application.Categories.SavingsBalance;
import com.example.credit.core.schema.ApplicationValidator;
import com.example.credit.core.schema.FeatureCatalog;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CreditApplicationTests {

    private final FeatureCatalog catalog = FeatureCatalog.standard();

    static CreditApplication example() {
        return new CreditApplication(
                new CreditTerms(5951, 48, Purpose.ELECTRONICS, 2, false, false),
                new Finances(
                        CheckingBalance.LOW,
                        SavingsBalance.LOW,
                        RepaymentHistory.GOOD,
                        1,
                        0,
                        0,
                        OtherAssets.REAL_ESTATE),
                new Employment(EmploymentType.PROFESSIONAL, 2, Permit.FOREIGN),
                new Residence(ResidenceType.OWN, 2),
                new Household(1, true));
    }

    @Test
    void writesEveryFeatureOfTheSchemaInModelOrder() {
        assertThat(example().toFeatures().keySet()).containsExactlyElementsOf(catalog.names());
    }

    @Test
    void writesFeaturesThatConformToTheSchema() {
        var validator = ApplicationValidator.forApplications(catalog);
        assertThat(validator.validate(JsonMapper.shared().valueToTree(example().toFeatures())))
                .isEmpty();
    }

    @Test
    void readsBackWhatItWrote() {
        assertThat(CreditApplication.fromFeatures(example().toFeatures())).isEqualTo(example());
    }

    @Test
    void keepsItsCategoriesInStepWithTheSchemaEnums() {
        assertThat(WireValue.wiresOf(Purpose.class))
                .isEqualTo(catalog.feature("credit__purpose").categories());
        assertThat(WireValue.wiresOf(CheckingBalance.class))
                .isEqualTo(
                        catalog.feature("finance__accounts__checking__balance").categories());
        assertThat(WireValue.wiresOf(SavingsBalance.class))
                .isEqualTo(
                        catalog.feature("finance__accounts__savings__balance").categories());
        assertThat(WireValue.wiresOf(RepaymentHistory.class))
                .isEqualTo(catalog.feature("finance__repayment_history").categories());
        assertThat(WireValue.wiresOf(OtherAssets.class))
                .isEqualTo(catalog.feature("finance__other_assets").categories());
        assertThat(WireValue.wiresOf(EmploymentType.class))
                .isEqualTo(catalog.feature("employment__type").categories());
        assertThat(WireValue.wiresOf(Permit.class))
                .isEqualTo(catalog.feature("employment__permit").categories());
        assertThat(WireValue.wiresOf(ResidenceType.class))
                .isEqualTo(catalog.feature("residence__type").categories());
    }

    @Test
    void rejectsAnAmountOutsideItsRangeNamingFieldValueAndRule() {
        assertThatThrownBy(() -> new CreditTerms(0, 12, Purpose.OTHER, 1, false, false))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("credit__amount: value 0 is outside 1..1000000 (rule: minimum)");
    }

    @Test
    void rejectsAnUnknownCategoryWhenReadingFeatures() {
        Map<String, Object> features = new HashMap<>(example().toFeatures());
        features.put("residence__type", "castle");

        assertThatThrownBy(() -> CreditApplication.fromFeatures(features))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("residence__type: value 'castle' is not one of [rent, own, free] (rule: enum)");
    }

    @Test
    void rejectsAFlagThatIsNeitherZeroNorOne() {
        Map<String, Object> features = new HashMap<>(example().toFeatures());
        features.put("credit__guarantor", 2);

        assertThatThrownBy(() -> CreditApplication.fromFeatures(features))
                .isInstanceOf(InvalidFieldException.class)
                .extracting(e -> ((InvalidFieldException) e).field(), e -> ((InvalidFieldException) e).rule())
                .containsExactly("credit__guarantor", "enum");
    }

    @Test
    void rejectsAMissingFeature() {
        Map<String, Object> features = new HashMap<>(example().toFeatures());
        features.remove("employment__duration");

        assertThatThrownBy(() -> CreditApplication.fromFeatures(features))
                .hasMessage("employment__duration: is required but missing (rule: required)");
    }
}
