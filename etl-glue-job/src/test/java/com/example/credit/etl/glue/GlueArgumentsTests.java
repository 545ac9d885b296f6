package com.example.credit.etl.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.etl.EtlOptions;
import com.example.credit.etl.InvalidOptionException;
import org.junit.jupiter.api.Test;

class GlueArgumentsTests {

    @Test
    void readsJobParametersAndSkipsThoseOfGlue() {
        EtlOptions options = GlueArguments.parse(new String[] {
            "--JOB_ID",
            "j_1",
            "--JOB_RUN_ID",
            "jr_1",
            "--job-bookmark-option",
            "job-bookmark-disable",
            "--TempDir",
            "s3://tmp/",
            "--enable-glue-datacatalog",
            "--JOB_NAME",
            "credit-etl",
            "--input_path",
            "s3://bucket/raw",
            "--output_path",
            "s3://bucket/prepared",
            "--seed",
            "11",
            "--test_fraction",
            "0.3",
            "--max_rejected_fraction",
            "0.001",
            "--rows_per_file",
            "2000000"
        });
        assertThat(options.input()).isEqualTo("s3://bucket/raw");
        assertThat(options.output()).isEqualTo("s3://bucket/prepared");
        assertThat(options.seed()).isEqualTo(11);
        assertThat(options.testFraction()).isEqualTo(0.3);
        assertThat(options.maxRejectedFraction()).isEqualTo(0.001);
        assertThat(options.rowsPerFile()).isEqualTo(2_000_000);
        assertThat(options.master()).isEmpty();
    }

    @Test
    void acceptsNameEqualsValueForm() {
        EtlOptions options =
                GlueArguments.parse(new String[] {"--input_path=s3://b/raw", "--output_path=s3://b/out", "--seed=5"});
        assertThat(options.input()).isEqualTo("s3://b/raw");
        assertThat(options.seed()).isEqualTo(5);
    }

    @Test
    void requiresInputPath() {
        assertThatThrownBy(() -> GlueArguments.parse(new String[] {"--JOB_NAME", "x", "--output_path", "s3://b/out"}))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("Glue job parameter --input_path is required");
    }

    @Test
    void rejectsInvalidValueOfAJobParameter() {
        assertThatThrownBy(() -> GlueArguments.parse(
                        new String[] {"--input_path", "a", "--output_path", "b", "--test_fraction", "half"}))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("test-fraction must be a number, got 'half'");
    }
}
