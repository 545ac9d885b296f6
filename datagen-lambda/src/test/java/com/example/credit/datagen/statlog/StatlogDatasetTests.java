package com.example.credit.datagen.statlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatlogDatasetTests {

    private final StatlogDataset data = StatlogDataset.load();

    @Test
    void loadsTheThousandApplicationsWithThreeHundredDefaults() {
        assertThat(data.size()).isEqualTo(1000);
        assertThat(data.records().stream().filter(StatlogRecord::defaulted)).hasSize(300);
    }

    @Test
    void decodesTheFirstLineColumnByColumn() {
        // A11 6 A34 A43 1169 A65 A75 4 A93 A101 4 A121 67 A143 A152 2 A173 1 A192 A201 1
        StatlogRecord first = data.get(0);
        assertThat(first.checkingBalance()).contains("negative");
        assertThat(first.durationMonths()).isEqualTo(6);
        assertThat(first.repaymentHistory()).isEqualTo("very_poor");
        assertThat(first.purpose()).isEqualTo("electronics");
        assertThat(first.amount()).isEqualTo(1169);
        assertThat(first.savingsBalance()).isEmpty();
        assertThat(first.employedSince()).isEqualTo(new EmploymentBand(false, 7, 40));
        assertThat(first.installmentRate()).isEqualTo(4);
        assertThat(first.personalStatus().gender()).isEqualTo("male");
        assertThat(first.otherDebtors()).isEqualTo("none");
        assertThat(first.residenceYears()).isEqualTo(4);
        assertThat(first.otherAssets()).isEqualTo("real_estate");
        assertThat(first.age()).isEqualTo(67);
        assertThat(first.otherInstallmentPlans()).isEqualTo("none");
        assertThat(first.housing()).isEqualTo("own");
        assertThat(first.creditsAtThisBank()).isEqualTo(2);
        assertThat(first.job()).isEqualTo("professional");
        assertThat(first.dependents()).isEqualTo(1);
        assertThat(first.telephone()).isTrue();
        assertThat(first.permit()).isEqualTo("foreign");
        assertThat(first.defaulted()).isFalse();
    }

    @Test
    void observesTheRangesOfTheNumbers() {
        assertThat(data.observed(StatlogRecord::amount)).isEqualTo(new StatlogDataset.Range(250, 18424));
        assertThat(data.observed(StatlogRecord::durationMonths)).isEqualTo(new StatlogDataset.Range(4, 72));
        assertThat(data.observed(StatlogRecord::age)).isEqualTo(new StatlogDataset.Range(19, 75));
    }

    @Test
    void rejectsALineWithAnUnknownCodeNamingTheLine() {
        String line = "A11 6 A34 A43 1169 A65 A76 4 A93 A101 4 A121 67 A143 A152 2 A173 1 A192 A201 1";
        assertThatThrownBy(() -> StatlogDataset.parseLine(line, 7))
                .isInstanceOf(StatlogFormatException.class)
                .hasMessageContaining("line 7: attribute 7 (employed since): unknown code 'A76'");
    }

    @Test
    void rejectsALineWithAMissingColumn() {
        assertThatThrownBy(() -> StatlogDataset.parseLine("A11 6 A34", 3))
                .isInstanceOf(StatlogFormatException.class)
                .hasMessageContaining("line 3: expected 21 columns, got 3");
    }

    @Test
    void rejectsAClassOtherThanGoodOrBad() {
        String line = "A11 6 A34 A43 1169 A65 A75 4 A93 A101 4 A121 67 A143 A152 2 A173 1 A192 A201 3";
        assertThatThrownBy(() -> StatlogDataset.parseLine(line, 1))
                .isInstanceOf(StatlogFormatException.class)
                .hasMessageContaining("attribute 21 (class) must be 1 (good) or 2 (bad), got '3'");
    }

    @Test
    void rejectsANumberOutsideItsDocumentedRange() {
        String line = "A11 6 A34 A43 1169 A65 A75 5 A93 A101 4 A121 67 A143 A152 2 A173 1 A192 A201 1";
        assertThatThrownBy(() -> StatlogDataset.parseLine(line, 1))
                .isInstanceOf(StatlogFormatException.class)
                .hasMessageContaining("installment rate must be within 1..4, got 5");
    }
}
