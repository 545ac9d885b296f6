package com.example.credit.core.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FacetsTests {

    @Test
    void readsEachKindOfTermAndWritesItBackAsItsName() {
        String text = "personal__gender=female, personal__age<25,25<=personal__age<35,personal__age>=65";

        assertThat(Facets.parse(text))
                .extracting(Facet::name)
                .containsExactly(
                        "personal__gender=female", "personal__age<25", "25<=personal__age<35", "personal__age>=65");
        assertThat(Facets.parse(text).get(2).contains("34.9")).isTrue();
        assertThat(Facets.parse(text).get(2).contains("35")).isFalse();
    }

    @Test
    void theDefaultsAreWomenFiveAgeBandsCoveringEveryAgeAndEachRelationshipStatus() {
        assertThat(Facets.standard()).hasSize(10);
        // Every age lies in exactly one of the five bands.
        for (String age : new String[] {"18", "24.5", "25", "34", "35", "49", "50", "64", "65", "90"}) {
            assertThat(Facets.standard().stream()
                            .filter(facet -> facet.attribute().equals("personal__age"))
                            .filter(facet -> facet.contains(age))
                            .count())
                    .as(age)
                    .isOne();
        }
        assertThat(Facets.groupVariable(Facets.DEFAULT_GROUP_VARIABLE)).contains("credit__purpose");
        assertThat(Facets.groupVariable("none")).isEqualTo(Optional.empty());
    }

    @Test
    void namesTheTermThatIsNoFacetAndAFacetGivenTwice() {
        assertThatThrownBy(() -> Facets.parse("personal__age<=25"))
                .isInstanceOf(BiasException.class)
                .hasMessageStartingWith("facet 'personal__age<=25' is not one of attribute=value");
        assertThatThrownBy(() -> Facets.parse("personal__gender=female,personal__gender=female"))
                .isInstanceOf(BiasException.class)
                .hasMessageStartingWith("facet personal__gender=female is given twice");
        assertThatThrownBy(() -> Facets.parse(" "))
                .isInstanceOf(BiasException.class)
                .hasMessageStartingWith("facets ' ' name none");
        assertThatThrownBy(() -> Facets.groupVariable("credit purpose"))
                .isInstanceOf(BiasException.class)
                .hasMessageStartingWith("group variable 'credit purpose' must be a column name");
    }
}
