package com.example.credit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTests {

    @Test
    void readsValuesAndSwitchesAfterTheStage() {
        Options options = Options.parse(new String[] {"engine", "--work", "/tmp/w", "--quick"}, 1, Set.of("quick"));

        assertThat(options.required("work")).isEqualTo("/tmp/w");
        assertThat(options.flag("quick")).isTrue();
        assertThat(options.get("include", ".*")).isEqualTo(".*");
    }

    @Test
    void rejectsAnOptionWithoutItsValueAndAMissingRequiredOne() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--work"}, 0, Set.of()))
                .isInstanceOf(BenchException.class)
                .hasMessage("option --work needs a value");
        Options none = Options.parse(new String[0], 0, Set.of());
        assertThatThrownBy(() -> none.required("jar"))
                .isInstanceOf(BenchException.class)
                .hasMessage("option --jar is required");
    }

    @Test
    void rejectsABareArgument() {
        assertThatThrownBy(() -> Options.parse(new String[] {"work"}, 0, Set.of()))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("'work' must be an option");
    }
}
