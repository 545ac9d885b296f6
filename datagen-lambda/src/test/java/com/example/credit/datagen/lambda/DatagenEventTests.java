package com.example.credit.datagen.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.datagen.InvalidRequestException;
import com.example.credit.datagen.generate.Mode;
import com.example.credit.datagen.output.OutputLocation;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatagenEventTests {

    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    private static DatagenEvent parse(Map<String, Object> event) {
        return DatagenEvent.parse(event, NO_ENVIRONMENT, () -> 123L);
    }

    private static Map<String, Object> event(Object... keysAndValues) {
        Map<String, Object> event = new HashMap<>();
        event.put("output", "s3://bucket/raw");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            event.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return event;
    }

    @Test
    void readsAFullEvent() {
        DatagenEvent parsed = parse(event("mode", "synthetic", "n", 100_000, "seed", 7L, "overwrite", true));
        assertThat(parsed.request().mode()).isEqualTo(Mode.SYNTHETIC);
        assertThat(parsed.request().n()).isEqualTo(100_000);
        assertThat(parsed.request().seed()).isEqualTo(7);
        assertThat(parsed.output()).isEqualTo(new OutputLocation.S3("bucket", "raw"));
        assertThat(parsed.overwrite()).isTrue();
    }

    @Test
    void defaultsToTheStatlogModeAndAFreshSeed() {
        DatagenEvent parsed = parse(event());
        assertThat(parsed.request().mode()).isEqualTo(Mode.STATLOG);
        assertThat(parsed.request().n()).isEqualTo(1000);
        assertThat(parsed.request().seed()).isEqualTo(123);
        assertThat(parsed.overwrite()).isFalse();
    }

    @Test
    void acceptsNumbersAsJsonDoublesAndStrings() {
        assertThat(parse(event("mode", "synthetic", "n", 50.0)).request().n()).isEqualTo(50);
        assertThat(parse(event("seed", "9007199254740993")).request().seed()).isEqualTo(9007199254740993L);
        assertThat(parse(event("seed", new BigDecimal("-4"))).request().seed()).isEqualTo(-4);
    }

    @Test
    void takesTheOutputFromTheEnvironmentWhenTheEventHasNone() {
        DatagenEvent parsed = DatagenEvent.parse(Map.of(), Map.of("OUTPUT_URI", "/tmp/raw"), () -> 1L);
        assertThat(parsed.output()).isEqualTo(new OutputLocation.Local(Path.of("/tmp/raw")));
    }

    @Test
    void rejectsNegativeRowCount() {
        assertThatThrownBy(() -> parse(event("mode", "synthetic", "n", -10)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("n '-10' is invalid: must be a positive number of applicants");
    }

    @Test
    void rejectsZeroRowCount() {
        assertThatThrownBy(() -> parse(event("mode", "synthetic", "n", 0)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("n '0' is invalid: must be a positive number of applicants");
    }

    @Test
    void rejectsAFractionalRowCount() {
        assertThatThrownBy(() -> parse(event("mode", "synthetic", "n", 2.5)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("n '2.5' is invalid: must be a whole number within the range of a long");
    }

    @Test
    void rejectsAnUnknownMode() {
        assertThatThrownBy(() -> parse(event("mode", "fake")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("mode 'fake' is invalid: must be one of [statlog, synthetic]");
    }

    @Test
    void rejectsAStatlogRowCountOtherThanAThousand() {
        assertThatThrownBy(() -> parse(event("mode", "statlog", "n", 999)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("n '999' is invalid: statlog mode writes exactly 1000 applicants");
        assertThat(parse(event("mode", "statlog", "n", 1000)).request().n()).isEqualTo(1000);
    }

    @Test
    void rejectsANonNumericSeed() {
        assertThatThrownBy(() -> parse(event("seed", "abc")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("seed 'abc' is invalid: must be a whole number within the range of a long");
    }

    @Test
    void rejectsASeedBeyondTheRangeOfALong() {
        assertThatThrownBy(() -> parse(event("seed", "99999999999999999999")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("seed '99999999999999999999' is invalid");
    }

    @Test
    void rejectsAMissingOutput() {
        assertThatThrownBy(() -> DatagenEvent.parse(Map.of("mode", "statlog"), NO_ENVIRONMENT, () -> 1L))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("output (missing) is invalid: must be given in the event or as environment variable"
                        + " OUTPUT_URI");
    }

    @Test
    void rejectsAnUnknownKey() {
        assertThatThrownBy(() -> parse(event("seeds", 1)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("event key 'seeds' is invalid: is not one of [mode, n, seed, output, overwrite]");
    }

    @Test
    void rejectsAnOverwriteThatIsNotABoolean() {
        assertThatThrownBy(() -> parse(event("overwrite", "yes")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("overwrite 'yes' is invalid: must be true or false");
    }
}
