package com.example.credit.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EtlArgumentsTests {

    @Test
    void readsEveryOption() {
        EtlOptions options = EtlArguments.parse(new String[] {
            "--input",
            "raw",
            "--output",
            "prepared",
            "--seed",
            "7",
            "--test-fraction",
            "0.25",
            "--master",
            "local[2]",
            "--max-rejected-fraction",
            "0.01",
            "--rows-per-file",
            "500",
            "--s3-endpoint",
            "http://127.0.0.1:9090",
            "--s3-path-style-access",
            "true",
            "--conf",
            "spark.hadoop.fs.s3a.access.key=a=b"
        });
        assertThat(options)
                .isEqualTo(new EtlOptions(
                        "raw",
                        "prepared",
                        7,
                        0.25,
                        Optional.of("local[2]"),
                        0.01,
                        500,
                        Optional.of("http://127.0.0.1:9090"),
                        true,
                        Map.of("spark.hadoop.fs.s3a.access.key", "a=b")));
    }

    @Test
    void defaultsToSeed42TestFractionOneFifthAndNoRejections() {
        EtlOptions options = EtlArguments.parse(new String[] {"--input", "raw", "--output", "prepared"});
        assertThat(options).isEqualTo(EtlOptions.of("raw", "prepared"));
        assertThat(options.seed()).isEqualTo(42);
        assertThat(options.testFraction()).isEqualTo(0.2);
        assertThat(options.maxRejectedFraction()).isZero();
    }

    @Test
    void rejectsUnknownOption() {
        assertThatThrownBy(() -> EtlArguments.parse(new String[] {"--input", "r", "--output", "p", "--sed", "1"}))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("unknown option --sed");
    }

    @Test
    void rejectsMissingOutput() {
        assertThatThrownBy(() -> EtlArguments.parse(new String[] {"--input", "r"}))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("output is required");
    }

    @Test
    void rejectsTestFractionOutsideTheOpenUnitInterval() {
        assertThatThrownBy(() ->
                        EtlArguments.parse(new String[] {"--input", "r", "--output", "p", "--test-fraction", "1"}))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("test fraction 1.0 must lie strictly between 0 and 1");
    }

    @Test
    void rejectsNonNumericSeed() {
        assertThatThrownBy(() -> EtlArguments.parse(new String[] {"--input", "r", "--output", "p", "--seed", "x"}))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("seed must be an integer, got 'x'");
    }

    @Test
    void rejectsOutputEqualToInput() {
        assertThatThrownBy(() -> EtlArguments.parse(new String[] {"--input", "data/", "--output", "data"}))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("must differ from input");
    }

    @Test
    void rejectsOptionWithoutValue() {
        assertThatThrownBy(() -> EtlArguments.parse(new String[] {"--input", "r", "--output"}))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("option --output needs a value");
    }

    @Test
    void asksForHelpWithoutArguments() {
        assertThat(EtlArguments.wantsHelp(new String[0])).isTrue();
        assertThat(EtlArguments.wantsHelp(new String[] {"--help"})).isTrue();
        assertThat(EtlArguments.wantsHelp(new String[] {"--input", "r"})).isFalse();
    }
}
