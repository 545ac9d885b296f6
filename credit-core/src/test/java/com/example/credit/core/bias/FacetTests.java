package com.example.credit.core.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FacetTests {

    private static final String AGE = "personal__age";

    @Test
    void aCategoryFacetHoldsExactlyItsValue() {
        Facet female = Facet.category("personal__gender", "female");

        assertThat(female.name()).isEqualTo("personal__gender=female");
        assertThat(female.valueOrThreshold()).isEqualTo("female");
        assertThat(female.contains("female")).isTrue();
        assertThat(female.contains("Female")).isFalse();
        assertThat(female.contains("male")).isFalse();
    }

    @Test
    void anAgeThresholdIncludesItsLowerBoundAndExcludesItsUpperBound() {
        Facet young = Facet.below(AGE, 25);
        Facet old = Facet.atLeast(AGE, 65);
        Facet middle = Facet.between(AGE, 25, 35);

        assertThat(young.contains("24")).isTrue();
        assertThat(young.contains("25")).isFalse();
        assertThat(old.contains("64")).isFalse();
        assertThat(old.contains("65")).isTrue();
        assertThat(middle.contains("25")).isTrue();
        assertThat(middle.contains("34.9")).isTrue();
        assertThat(middle.contains("35")).isFalse();
    }

    @Test
    void namesAnIntervalAsPeopleWriteItAndAsClarifyWritesIt() {
        assertThat(Facet.below(AGE, 25).name()).isEqualTo("personal__age<25");
        assertThat(Facet.below(AGE, 25).valueOrThreshold()).isEqualTo("(-inf, 25)");
        assertThat(Facet.atLeast(AGE, 65).name()).isEqualTo("personal__age>=65");
        assertThat(Facet.atLeast(AGE, 65).valueOrThreshold()).isEqualTo("[65, +inf)");
        assertThat(Facet.between(AGE, 25, 35.5).name()).isEqualTo("25<=personal__age<35.5");
        assertThat(Facet.between(AGE, 25, 35.5).valueOrThreshold()).isEqualTo("[25, 35.5)");
    }

    @Test
    void bandsCoverEveryAgeExactlyOnce() {
        List<Facet> bands = Facet.bands(AGE, 25, 35, 50, 65);

        assertThat(bands)
                .extracting(Facet::name)
                .containsExactly(
                        "personal__age<25",
                        "25<=personal__age<35",
                        "35<=personal__age<50",
                        "50<=personal__age<65",
                        "personal__age>=65");
        for (int age = 18; age <= 80; age++) {
            String value = Integer.toString(age);
            assertThat(bands.stream().filter(band -> band.contains(value)))
                    .as("age %d", age)
                    .hasSize(1);
        }
    }

    @Test
    void eachValueGivesOneFacetPerValueInOrder() {
        assertThat(Facet.eachValue("personal__relationship_status", List.of("single", "married")))
                .containsExactly(
                        Facet.category("personal__relationship_status", "single"),
                        Facet.category("personal__relationship_status", "married"));
    }

    @Test
    void refusesBandsThatDoNotIncrease() {
        assertThatThrownBy(() -> Facet.bands(AGE, 35, 25))
                .isInstanceOf(BiasException.class)
                .hasMessage("band edges of personal__age must increase; got 35 then 25");
        assertThatThrownBy(() -> Facet.bands(AGE))
                .isInstanceOf(BiasException.class)
                .hasMessage("age bands of personal__age need at least one edge");
    }

    @Test
    void refusesAnIntervalThatIsEmptyOrUnbounded() {
        assertThatThrownBy(() -> Facet.between(AGE, 35, 35))
                .isInstanceOf(BiasException.class)
                .hasMessage("the facet's lower bound 35 on personal__age must be below its upper bound 35");
        assertThatThrownBy(() -> Facet.below(AGE, Double.NaN))
                .isInstanceOf(BiasException.class)
                .hasMessage("a facet bound on personal__age must be a finite number; got NaN");
    }

    @Test
    void refusesToCompareAnAgeThatIsNotANumber() {
        assertThatThrownBy(() -> Facet.below(AGE, 25).contains("old"))
                .isInstanceOf(BiasException.class)
                .hasMessage("personal__age value 'old' is not a number; facet personal__age<25 compares numbers");
        assertThatThrownBy(() -> Facet.below(AGE, 25).contains("Infinity"))
                .isInstanceOf(BiasException.class)
                .hasMessage("personal__age value 'Infinity' is not a finite number; facet personal__age<25 compares"
                        + " numbers");
    }

    @Test
    void refusesABlankAttributeOrValue() {
        assertThatThrownBy(() -> Facet.category(" ", "female"))
                .isInstanceOf(BiasException.class)
                .hasMessage("a facet's attribute name must not be blank");
        assertThatThrownBy(() -> Facet.category("personal__gender", ""))
                .isInstanceOf(BiasException.class)
                .hasMessage("the value of a facet on personal__gender must not be blank");
    }
}
