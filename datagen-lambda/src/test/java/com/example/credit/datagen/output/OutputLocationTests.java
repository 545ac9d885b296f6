package com.example.credit.datagen.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.datagen.InvalidRequestException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OutputLocationTests {

    @Test
    void readsAnS3UriAsBucketAndPrefixWithoutTrailingSlash() {
        OutputLocation location = OutputLocation.parse("output", "s3://my-bucket/raw/run-1/");
        assertThat(location).isEqualTo(new OutputLocation.S3("my-bucket", "raw/run-1"));
        assertThat(((OutputLocation.S3) location).key(DatasetLayout.SUCCESS)).isEqualTo("raw/run-1/_SUCCESS");
        assertThat(location).hasToString("s3://my-bucket/raw/run-1");
    }

    @Test
    void readsABucketWithoutPrefixAsTheBucketRoot() {
        OutputLocation.S3 location = (OutputLocation.S3) OutputLocation.parse("output", "s3://my-bucket");
        assertThat(location.prefix()).isEmpty();
        assertThat(location.key(DatasetLayout.CREDITS)).isEqualTo("credits/credits.csv");
    }

    @Test
    void readsAnythingElseAsALocalFolder() {
        assertThat(OutputLocation.parse("output", "target/raw"))
                .isEqualTo(new OutputLocation.Local(Path.of("target/raw")));
    }

    @Test
    void rejectsAnInvalidBucketName() {
        assertThatThrownBy(() -> OutputLocation.parse("output", "s3://My_Bucket/raw"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("output 's3://My_Bucket/raw' is invalid: must name a valid S3 bucket after s3://");
    }

    @Test
    void rejectsOtherSchemes() {
        assertThatThrownBy(() -> OutputLocation.parse("output", "gs://bucket/raw"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("only local folders and s3:// URIs are supported");
    }

    @Test
    void rejectsABlankOutput() {
        assertThatThrownBy(() -> OutputLocation.parse("output", " "))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("output ' ' is invalid: must be a local folder or an s3://bucket/prefix URI");
    }
}
