package com.example.credit.datagen.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.datagen.InvalidRequestException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GenerationRequestTests {

    @Test
    void defaultsToAThousandApplicantsInBothModes() {
        assertThat(GenerationRequest.of(Mode.STATLOG, OptionalLong.empty(), 1).n())
                .isEqualTo(1000);
        assertThat(GenerationRequest.of(Mode.SYNTHETIC, OptionalLong.empty(), 1).n())
                .isEqualTo(1000);
    }

    @Test
    void rejectsNegativeRowCount() {
        assertThatThrownBy(() -> new GenerationRequest(Mode.SYNTHETIC, -5, 1))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("n '-5' is invalid: must be a positive number of applicants");
    }

    @Test
    void rejectsZeroRowCount() {
        assertThatThrownBy(() -> new GenerationRequest(Mode.SYNTHETIC, 0, 1))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("n '0' is invalid");
    }

    @Test
    void rejectsAStatlogRowCountOtherThanAThousand() {
        assertThatThrownBy(() -> new GenerationRequest(Mode.STATLOG, 500, 1))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("n '500' is invalid: statlog mode writes exactly 1000 applicants");
    }

    @Test
    void rejectsAnUnknownModeListingTheKnownOnes() {
        assertThatThrownBy(() -> Mode.parse("mode", "random"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("mode 'random' is invalid: must be one of [statlog, synthetic]");
    }
}
